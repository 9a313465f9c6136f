"""Visitors for the extension's nodes, one module per output format."""
