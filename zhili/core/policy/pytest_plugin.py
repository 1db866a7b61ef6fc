"""pytest collects ``<app>/policy_cases/*.yaml``: each case written by a policy officer is one test."""

import pytest

from .registry import CASE_DIR


def pytest_collect_file(file_path, parent):
    if file_path.suffix in (".yaml", ".yml") and file_path.parent.name == CASE_DIR:
        return PolicyCaseFile.from_parent(parent, path=file_path)
    return None


class CaseFailed(AssertionError):
    """A case whose decisions differ from what its author expected."""


class PolicyCaseFile(pytest.File):
    def collect(self):
        from .cases import read_cases

        for case in read_cases(self.path):
            yield PolicyCaseItem.from_parent(self, name=case.name, case=case)


class PolicyCaseItem(pytest.Item):
    def __init__(self, *, case, **kwargs):
        super().__init__(**kwargs)
        self.case = case

    def runtest(self):
        from .cases import run_case

        failures = run_case(self.case)
        if failures:
            raise CaseFailed("\n".join(failures))

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, CaseFailed):
            return f"{self.case.source}：案例「{self.case.name}」（{self.case.on}）\n{excinfo.value}"
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        return self.path, self.case.source.line - 1, f"policy case: {self.case.name}"
