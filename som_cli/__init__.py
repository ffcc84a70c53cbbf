"""The `som` command line: thin commands over `scoring`, `feeds` and `storage`."""
