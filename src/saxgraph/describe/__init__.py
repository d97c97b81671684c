"""Describing the data: entity descriptions and the reconciliation service over them."""
