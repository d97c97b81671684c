"""The explorer with the whole seed graph (/explore?whole=1: every domain entity, ~700 nodes, ~1,650 links) in
Chromium through Playwright: the feed's time on the server, then in the page the fetch, the placement, adding
to Cytoscape and the first drawing, frame times while zooming and panning (labels hidden when zoomed out,
drawn at zoom 1), and the time of Cytoscape's own layouts on the same elements. Figures, never assertions.

    python bench/explorer_render.py [--runs 5] [--cose-full] [--json out.json]
"""

import argparse
import json
import os
import statistics
import threading
import time
import urllib.request

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run"]

FRAMES = """async ([kind, steps, zoom]) => {
  const cy = window.saxgraphExplorer;
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  if (zoom) { cy.zoom(zoom); cy.center(); } else { cy.fit(cy.elements(':visible'), 30); }
  await frame(); await frame();
  const times = [];
  for (let i = 0; i < steps; i++) {
    const t = performance.now();
    if (kind === 'zoom') { cy.zoom({level: cy.zoom() * (i % 2 ? 1 / 1.1 : 1.1),
                                    renderedPosition: {x: cy.width() / 2, y: cy.height() / 2}}); }
    else { cy.panBy({x: i % 2 ? -40 : 40, y: 0}); }
    await frame();
    times.push(performance.now() - t);
  }
  return times;
}"""

# what the page does once a zoom has settled: every label's size set again (saxgraph's readable labels)
RESTYLE = """async () => {
  const cy = window.saxgraphExplorer;
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const t = performance.now();
  cy.style().selector('node').style('font-size', 13).update();
  await frame();
  return performance.now() - t;
}"""

LAYOUT = """(options) => {
  const cy = window.saxgraphExplorer;
  const t = performance.now();
  cy.layout(Object.assign({animate: false, fit: false}, options)).run();
  return performance.now() - t;
}"""


def serve():
    from werkzeug.serving import make_server

    from saxgraph.web import create_app

    app = create_app()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def feed_ms(url: str) -> tuple[float, int, int]:
    started = time.perf_counter()
    with urllib.request.urlopen(url) as response:
        data = json.load(response)
    return (time.perf_counter() - started) * 1000, len(data["nodes"]), len(data["edges"])


def median(values) -> float:
    return round(statistics.median(values), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="page loads of the whole graph")
    parser.add_argument("--cose-full", action="store_true", help="also time cose with 1000 iterations (slow)")
    parser.add_argument("--json", help="write the figures here too")
    args = parser.parse_args()

    server, base = serve()
    figures = {"load_average": os.getloadavg(), "cpus": os.cpu_count()}
    cold, nodes, edges = feed_ms(base + "/explore/whole.json")
    warm = [feed_ms(base + "/explore/whole.json")[0] for _ in range(3)]
    figures.update(nodes=nodes, edges=edges, feed_cold_ms=round(cold, 1), feed_warm_ms=median(warm))

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        loads = []
        for _ in range(args.runs):
            started = time.perf_counter()
            page.goto(base + "/explore?whole=1")
            page.wait_for_selector("#explorer[data-render-ms]", timeout=300_000)
            wall = (time.perf_counter() - started) * 1000
            data = page.evaluate("() => ({...document.getElementById('explorer').dataset})")
            loads.append({"wall_ms": wall, **{k: float(data[k]) for k in
                                              ("fetchMs", "placeMs", "addMs", "filtersMs", "viewMs",
                                                               "renderMs")}})
        figures["page_load"] = {k: median(run[k] for run in loads) for k in loads[0]}
        figures["zoom_frame_ms_fitted"] = median(page.evaluate(FRAMES, ["zoom", 12, None]))
        figures["pan_frame_ms_fitted"] = median(page.evaluate(FRAMES, ["pan", 12, None]))
        figures["zoom_frame_ms_at_1"] = median(page.evaluate(FRAMES, ["zoom", 12, 1.0]))
        figures["pan_frame_ms_at_1"] = median(page.evaluate(FRAMES, ["pan", 12, 1.0]))
        figures["restyle_labels_ms"] = round(page.evaluate(RESTYLE), 1)
        layouts = {"grid": {"name": "grid"}, "circle": {"name": "circle"},
                   "concentric": {"name": "concentric"},
                   "cose_250": {"name": "cose", "numIter": 250, "randomize": False}}
        if args.cose_full:
            layouts["cose_1000"] = {"name": "cose", "numIter": 1000, "randomize": False}
        figures["layout_ms"] = {name: round(page.evaluate(LAYOUT, options), 1)
                                for name, options in layouts.items()}
        # a typical expansion on the page: Cool Silicon, then its partner cluster
        page.goto(base + "/explore?focus=cluster/cool-silicon&x=cluster/minalogic")
        started = time.perf_counter()
        page.wait_for_selector("#explorer[data-ready]")
        figures["two_expansions_wall_ms"] = round((time.perf_counter() - started) * 1000, 1)
        browser.close()
    server.shutdown()

    print(f"whole graph: {figures['nodes']} nodes, {figures['edges']} edges "
          f"(load average {figures['load_average'][0]:.1f} on {figures['cpus']} CPUs)")
    print(f"  feed /explore/whole.json: first {figures['feed_cold_ms']} ms, "
          f"then {figures['feed_warm_ms']} ms")
    for key, value in figures["page_load"].items():
        print(f"  page {key:<10} {value:>9} ms (median of {args.runs})")
    for key in ("zoom_frame_ms_fitted", "pan_frame_ms_fitted", "zoom_frame_ms_at_1", "pan_frame_ms_at_1"):
        print(f"  {key:<24} {figures[key]:>9} ms per frame (median)")
    print(f"  labels resized after a zoom {figures['restyle_labels_ms']:>9} ms (once the zoom settles)")
    for name, ms in figures["layout_ms"].items():
        print(f"  layout {name:<12} {ms:>9} ms")
    print(f"  two expansions (page load to ready): {figures['two_expansions_wall_ms']} ms")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(figures, out, indent=2)


if __name__ == "__main__":
    main()
