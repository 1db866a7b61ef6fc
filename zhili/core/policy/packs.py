"""Read a YAML policy pack (``<app>/policy_packs/*.yaml``) into declarations that remember their lines.

    domain: relief_match
    facts:
      household:
        per_capita_income: {label: 家庭月人均收入, type: number, unit: 元/月}
      person:
        birth_date: {label: 出生日期, type: date}
    parameters:
      dibao_standard:
        label: 低保标准
        unit: 元/月
        key: county_code
        reference: 三门县民政局公告（未经核实）
        values:
          "331022":
            2025-01-01: 1160
      dibian_line: {label: 低边标准, formula: dibao_standard * dibian_multiple}
    policies:
      - code: dibao
        name: 最低生活保障
        owner: 县民政局
        effective_from: 2014-05-01
        reference: 《社会救助暂行办法》第九条
        conditions:
          - {label: 家庭月人均收入低于当地低保标准, test: per_capita_income < dibao_standard}

A value written bare takes the parameter's ``reference`` and ``checked``; a value written as a mapping carries
its own. Every fault is a ``PolicyPackError`` naming the file and the line.
"""

import datetime as dt
from pathlib import Path

import yaml

from .declarations import Benefit, Condition, Fact, Pack, Parameter, Policy, PolicyPackError, Source, Value


class Node:
    """A YAML value with the line it starts on (1-based) and, for mappings, the line of each key."""

    def __init__(self, value, line: int, key_lines: dict | None = None):
        self.value = value
        self.line = line
        self.key_lines = key_lines or {}


def _construct(node, constructor) -> Node:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        value, key_lines = {}, {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node, deep=True)
            value[key] = _construct(value_node, constructor)
            key_lines[key] = key_node.start_mark.line + 1
        return Node(value, line, key_lines)
    if isinstance(node, yaml.SequenceNode):
        return Node([_construct(item, constructor) for item in node.value], line)
    return Node(constructor.construct_object(node, deep=True), line)


def plain(node: Node):
    """The value without line numbers."""
    if isinstance(node.value, dict):
        return {k: plain(v) for k, v in node.value.items()}
    if isinstance(node.value, list):
        return [plain(v) for v in node.value]
    return node.value


def read_yaml(path: Path) -> Node:
    """The YAML file at ``path`` as ``Node``s; a syntax error becomes a ``PolicyPackError`` with its line."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        loader = yaml.SafeLoader(text)
        try:
            root = loader.get_single_node()
            if root is None:
                raise PolicyPackError(Source(str(path), 1), "文件为空")
            return _construct(root, loader)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise PolicyPackError(Source(str(path), mark.line + 1 if mark else 1), f"YAML 语法错误：{exc.problem}") from None


class _Reader:
    def __init__(self, path: Path):
        self.path = str(path)

    def at(self, line: int) -> Source:
        return Source(self.path, line)

    def mapping(self, node: Node, what: str) -> dict:
        if not isinstance(node.value, dict):
            raise PolicyPackError(self.at(node.line), f"{what} 应为映射（键: 值）")
        return node.value

    def text(self, mapping: dict, key: str, node: Node, what: str, *, required: bool = True, default="") -> str:
        if key not in mapping:
            if required:
                raise PolicyPackError(self.at(node.line), f"{what} 缺少 {key}")
            return default
        value = mapping[key].value
        if value is None or isinstance(value, dict | list):
            raise PolicyPackError(self.at(mapping[key].line), f"{what} 的 {key} 应为文本")
        return str(value)

    def date(self, mapping: dict, key: str, node: Node, what: str, *, required: bool):
        if key not in mapping or mapping[key].value is None:
            if required:
                raise PolicyPackError(self.at(node.line), f"{what} 缺少生效日期（{key}）")
            return None
        value = mapping[key].value
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            raise PolicyPackError(self.at(mapping[key].line), f"{what} 的 {key} 应为日期（YYYY-MM-DD），得到 {value!r}")
        return value

    def pack(self, root: Node, default_domain: str) -> Pack:
        top = self.mapping(root, "政策包")
        unknown = set(top) - {"domain", "facts", "parameters", "policies", "description"}
        if unknown:
            key = sorted(unknown, key=str)[0]
            raise PolicyPackError(self.at(root.key_lines[key]), f"政策包中有未知的部分：{key}")
        domain = self.text(top, "domain", root, "政策包", required=False, default=default_domain)
        pack = Pack(domain=domain, path=self.path)
        if "facts" in top:
            for entity, entity_node in self.mapping(top["facts"], "facts").items():
                for name, fact_node in self.mapping(entity_node, f"facts.{entity}").items():
                    spec = self.mapping(fact_node, f"事实 {name}")
                    pack.facts.append(Fact(str(name), self.text(spec, "label", fact_node, f"事实 {name}"),
                                           type=self.text(spec, "type", fact_node, "", required=False,
                                                          default="number"),
                                           entity=str(entity), unit=self.text(spec, "unit", fact_node, "",
                                                                              required=False),
                                           source=self.at(fact_node.line)))
        if "parameters" in top:
            for name, parameter_node in self.mapping(top["parameters"], "parameters").items():
                pack.parameters.append(self.parameter(str(name), parameter_node))
        if "policies" in top:
            if not isinstance(top["policies"].value, list):
                raise PolicyPackError(self.at(top["policies"].line), "policies 应为列表")
            for policy_node in top["policies"].value:
                pack.policies.append(self.policy(policy_node))
        return pack

    def parameter(self, name: str, node: Node) -> Parameter:
        what = f"参数 {name}"
        spec = self.mapping(node, what)
        reference = self.text(spec, "reference", node, what, required=False)
        checked = bool(spec["checked"].value) if "checked" in spec else False
        key = self.text(spec, "key", node, what, required=False)
        formula = self.text(spec, "formula", node, what, required=False)
        values: object = ()
        if "values" in spec:
            if key:
                values = {str(k): self.values(name, v, reference, checked)
                          for k, v in self.mapping(spec["values"], f"{what} 的取值").items()}
            else:
                values = self.values(name, spec["values"], reference, checked)
        elif not formula:
            raise PolicyPackError(self.at(node.line), f"{what} 既没有取值（values）也没有公式（formula）")
        return Parameter(name, self.text(spec, "label", node, what), values, unit=self.text(spec, "unit", node, "",
                                                                                          required=False),
                         key=key, formula=formula, type=self.text(spec, "type", node, "", required=False,
                                                                  default="number"),
                         description=self.text(spec, "description", node, "", required=False),
                         source=self.at(node.line))

    def values(self, name: str, node: Node, reference: str, checked: bool) -> list[Value]:
        found = []
        for day, value_node in self.mapping(node, f"参数 {name} 的取值").items():
            line = node.key_lines[day]
            if isinstance(day, dt.datetime):
                day = day.date()
            if not isinstance(day, dt.date):
                raise PolicyPackError(self.at(line), f"参数 {name} 的取值缺少生效日期：{day!r} 不是日期（YYYY-MM-DD）")
            if isinstance(value_node.value, dict):
                spec = value_node.value
                if "value" not in spec:
                    raise PolicyPackError(self.at(value_node.line), f"参数 {name} 自 {day} 的取值缺少 value")
                found.append(Value(plain(spec["value"]), day,
                                   self.text(spec, "reference", value_node, "", required=False, default=reference),
                                   bool(spec["checked"].value) if "checked" in spec else checked,
                                   source=self.at(line)))
            else:
                found.append(Value(plain(value_node), day, reference, checked, source=self.at(line)))
        return found

    def policy(self, node: Node) -> Policy:
        spec = self.mapping(node, "政策")
        code = self.text(spec, "code", node, "政策")
        what = f"政策 {code}"
        conditions = []
        if "conditions" not in spec or not isinstance(spec["conditions"].value, list):
            raise PolicyPackError(self.at(node.line), f"{what} 缺少条件列表（conditions）")
        for item in spec["conditions"].value:
            condition = self.mapping(item, f"{what} 的条件")
            conditions.append(Condition(self.text(condition, "label", item, f"{what} 的条件"),
                                        self.text(condition, "test", item, f"{what} 的条件"),
                                        self.text(condition, "reference", item, "", required=False),
                                        source=self.at(condition["test"].line)))
        benefit = Benefit()
        if "benefit" in spec:
            b = self.mapping(spec["benefit"], f"{what} 的待遇")
            benefit = Benefit(kind=self.text(b, "kind", spec["benefit"], "", required=False, default="cash"),
                              amount=self.text(b, "amount", spec["benefit"], "", required=False),
                              period=self.text(b, "period", spec["benefit"], "", required=False, default="once"),
                              description=self.text(b, "description", spec["benefit"], "", required=False))
        materials = tuple(str(m) for m in plain(spec["materials"])) if "materials" in spec else ()
        deadline = plain(spec["deadline_days"]) if "deadline_days" in spec else None
        if deadline is not None and not isinstance(deadline, int):
            raise PolicyPackError(self.at(spec["deadline_days"].line), f"{what} 的办理时限应为工作日天数")
        in_statute = plain(spec["in_statute"]) if "in_statute" in spec else True
        return Policy(
            code=code, name=self.text(spec, "name", node, what), owner=self.text(spec, "owner", node, what),
            effective_from=self.date(spec, "effective_from", node, what, required=True),
            effective_to=self.date(spec, "effective_to", node, what, required=False),
            conditions=tuple(conditions), reference=self.text(spec, "reference", node, what),
            entity=self.text(spec, "entity", node, "", required=False, default="household"),
            owner_kind=self.text(spec, "owner_kind", node, "", required=False, default="department"),
            in_statute=bool(in_statute), category=self.text(spec, "category", node, "", required=False),
            benefit=benefit, materials=materials, office=self.text(spec, "office", node, "", required=False),
            deadline_days=deadline, description=self.text(spec, "description", node, "", required=False),
            source=self.at(node.line))


def read_pack(path: Path, default_domain: str = "") -> Pack:
    """The declarations of the YAML pack at ``path`` (domain defaults to ``default_domain``)."""
    return _Reader(Path(path)).pack(read_yaml(path), default_domain)
