"""imena: a sourced, queryable historical model of the machinery of the Great Terror."""

__version__ = "0.1.0"
