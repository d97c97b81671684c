"""Confinement of a query process (Linux): no network unless SERVICE is allow-listed, bounded memory.

Refusing SERVICE before a query runs (saxgraph.sparql_text) is the first line; this is the second: a
query process forked without an allow-list cannot open an Internet socket at all, so a spelling of SERVICE
that the text check missed fails inside the engine instead of reaching another host. It is a seccomp
filter (the kernel's own system-call filter, the one browsers and container runtimes use) that answers
`socket(AF_INET | AF_INET6, ...)` with EACCES and lets everything else through; the process keeps its
files, pipes and Unix sockets. Memory is bounded with RLIMIT_DATA (private writable memory, so the mapped
files of an on-disk store do not count): the engine aborts when an allocation fails, and the server
replaces the process and answers 503."""

import ctypes
import errno
import logging
import platform
import resource
import socket
import struct

log = logging.getLogger("saxgraph.query")

# audit architecture and socket(2) numbers (x86_64 also has the x32 numbering, bit 30 set)
_ARCHITECTURES = {"x86_64": (0xC000003E, (41, 0x40000000 | 41)), "aarch64": (0xC00000B7, (198, 198))}
_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2
_LD_W_ABS, _JEQ_K, _RET_K = 0x20, 0x15, 0x06
_RET_ALLOW, _RET_EACCES = 0x7FFF0000, 0x00050000 | errno.EACCES


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _instruction(code: int, jump_true: int, jump_false: int, k: int) -> bytes:
    return struct.pack("HBBI", code, jump_true, jump_false, k)


def forbid_network() -> bool:
    """From now on this process (and threads it starts) cannot create IPv4 or IPv6 sockets. False where
    the kernel or the architecture does not allow it (the text check still stands alone then)."""
    known = _ARCHITECTURES.get(platform.machine())
    if known is None or platform.system() != "Linux":
        return False
    arch, (socket_nr, socket_nr_alt) = known
    program = b"".join([
        _instruction(_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
        _instruction(_JEQ_K, 0, 6, arch),  # another ABI: let it be
        _instruction(_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
        _instruction(_JEQ_K, 1, 0, socket_nr),
        _instruction(_JEQ_K, 0, 3, socket_nr_alt),
        _instruction(_LD_W_ABS, 0, 0, 16),  # seccomp_data.args[0]: the address family
        _instruction(_JEQ_K, 2, 0, socket.AF_INET),
        _instruction(_JEQ_K, 1, 0, socket.AF_INET6),
        _instruction(_RET_K, 0, 0, _RET_ALLOW),
        _instruction(_RET_K, 0, 0, _RET_EACCES),
    ])
    buffer = ctypes.create_string_buffer(program)
    filter_program = _Program(len(program) // 8, ctypes.addressof(buffer))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 or \
            libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(filter_program), 0, 0) != 0:
        log.warning("query processes could not be kept off the network (seccomp: %s)",
                    errno.errorcode.get(ctypes.get_errno(), "?"))
        return False
    return True


def private_memory() -> int:
    """Bytes of private writable memory this process has mapped (VmData), 0 where it cannot be read."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def limit_memory(extra: int) -> None:
    """Let this process map at most `extra` bytes of private memory beyond what it holds now."""
    current = private_memory()
    if current and extra > 0:
        limit = current + extra
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
