"""The files `paperboard init` writes into a new project.

They ship as package data. Names that start with a dot (`.gitignore`,
`.github/`) are stored without it, because package-data globs skip dotfiles;
`generator.publish.scaffold` puts the dot back.
"""
