// placeholder replaced by the interpreter implementation
