"""The embedding model: the builtin offline default and user-configured ones."""
