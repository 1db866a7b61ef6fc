"""An import-linter contract type: the importers may reach a package's modules only through its face.

``faces`` contract (registered in pyproject.toml's ``contract_types``): every direct import from a module of
``importers`` into a module below one of ``packages`` (``zhili.core.*``) must name that package's ``api``
module (or the package itself, for ``from zhili.core.foundation import api``). Indirect imports are allowed:
the face itself imports the package's internals.
"""

from importlinter import Contract, ContractCheck, fields, output
from importlinter.application import contract_utils
from importlinter.domain.helpers import module_expressions_to_modules


class FacesContract(Contract):
    """Importers reach each of the packages only through ``<package>.<face>``."""

    type_name = "faces"

    importers = fields.ListField(subfield=fields.ModuleExpressionField())
    packages = fields.ListField(subfield=fields.ModuleExpressionField())
    face = fields.StringField(required=False, default="api")
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)
    unmatched_ignore_imports_alerting = fields.EnumField(
        contract_utils.AlertLevel, default=contract_utils.AlertLevel.ERROR)

    def check(self, graph, verbose: bool) -> ContractCheck:
        removal = contract_utils.remove_ignored_imports_and_report(
            graph=graph, ignore_imports=self.ignore_imports,
            unmatched_alerting=self.unmatched_ignore_imports_alerting)
        packages = {m.name for m in module_expressions_to_modules(graph, self.packages)}
        importers = set()
        for module in module_expressions_to_modules(graph, self.importers):
            importers |= {module.name, *graph.find_descendants(module.name)}
        illegal = []
        for importer in sorted(importers):
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                package = next((p for p in packages if imported == p or imported.startswith(p + ".")), None)
                if package is None or imported in (package, f"{package}.{self.face}"):
                    continue
                lines = sorted(d["line_number"] for d in graph.get_import_details(importer=importer, imported=imported))
                illegal.append((importer, imported, package, lines))
        return ContractCheck(kept=not illegal, warnings=list(removal.warnings),
                             ignored_import_count=removal.ignored_import_count, metadata={"illegal": illegal})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for importer, imported, package, lines in check.metadata["illegal"]:
            output.print_error(f"- {importer} -> {imported} (l.{', '.join(map(str, lines))}): "
                               f"use {package}.{self.face}", bold=False)
        output.new_line()
