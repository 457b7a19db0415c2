"""The one error type the build reports to its user: a file (or folder) and what is wrong with it."""


class BuildError(Exception):
    def __init__(self, path, fault):
        self.path = str(path)
        self.fault = fault
        super().__init__(f"{self.path}: {fault}")
