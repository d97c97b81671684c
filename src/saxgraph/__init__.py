"""saxgraph: a knowledge graph of Saxony's and Germany's innovation ecosystem."""

__version__ = "0.1.0"
