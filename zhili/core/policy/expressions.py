"""The condition language of policies: a small, safe subset of Python expressions over facts and parameters.

    per_capita_income < dibao_standard
    count(m.age >= 60) >= 1 and not any(m.employed)
    (dibao_standard - per_capita_income) * household_size

A bare name is a fact of the policy's entity or a parameter of its domain; ``m.<fact>`` is a fact of each
household member and may appear only inside ``sum``, ``count``, ``any``, ``all``, ``max`` or ``min`` (one
argument). ``max(a, b)`` and ``min(a, b)`` with two arguments pick between two numbers; ``age(d)`` gives full
years from date ``d`` to the day of the decision. The text is parsed by ``ast`` and only the nodes below are
accepted, each typed (number, bool, string, date, list), so a wrong rule is refused before it runs.
"""

import ast
import datetime as dt
from dataclasses import dataclass

NUMBER, BOOL, STRING, DATE, LIST = "number", "bool", "string", "date", "list"
TYPES = (NUMBER, BOOL, STRING, DATE, LIST)
COMPARE_OPS = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
               ast.In: "in", ast.NotIn: "not in"}
ARITHMETIC_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
AGGREGATES = ("sum", "count", "any", "all", "max", "min")
MEMBER = "m"


class ExpressionError(ValueError):
    """A rule text that cannot be accepted; ``column`` is the 0-based offset of the offending part."""

    def __init__(self, message: str, column: int = 0):
        super().__init__(message)
        self.message = message
        self.column = column


@dataclass(frozen=True)
class Const:
    value: object
    type: str


@dataclass(frozen=True)
class FactRef:
    """A fact of the entity (``member`` False) or of each member inside an aggregate."""

    name: str
    type: str
    member: bool = False


@dataclass(frozen=True)
class ParamRef:
    name: str
    type: str
    keyed: bool = False


@dataclass(frozen=True)
class Unary:
    op: str  # "-" or "not"
    operand: object
    type: str


@dataclass(frozen=True)
class Arithmetic:
    op: str
    left: object
    right: object
    type: str = NUMBER


@dataclass(frozen=True)
class Logic:
    op: str  # "and" or "or"
    operands: tuple
    type: str = BOOL


@dataclass(frozen=True)
class Compare:
    op: str
    left: object
    right: object
    type: str = BOOL


@dataclass(frozen=True)
class IfElse:
    condition: object
    then: object
    otherwise: object
    type: str


@dataclass(frozen=True)
class Aggregate:
    """``func`` over the household's members; ``argument`` is None for ``count()`` (how many members)."""

    func: str
    argument: object
    type: str


@dataclass(frozen=True)
class Extreme:
    """``max(a, b)`` or ``min(a, b)``: the larger or smaller of two numbers."""

    func: str
    left: object
    right: object
    type: str = NUMBER


@dataclass(frozen=True)
class Age:
    """Full years from the date ``argument`` to the day of the decision."""

    argument: object
    type: str = NUMBER


class Scope:
    """What names mean while parsing: ``facts(entity)`` and ``parameters`` of a domain.

    ``fact_type(name, member)`` and ``parameter_type(name)`` return a type or None; ``parameter_keyed`` tells
    whether a parameter is looked up by one of the entity's facts (as a county's 低保标准 is).
    """

    def __init__(self, facts: dict, member_facts: dict, parameters: dict):
        self.facts = facts  # name -> type
        self.member_facts = member_facts
        self.parameters = parameters  # name -> (type, keyed)


def parse(text: str, scope: Scope, *, expect: str | None = None):
    """The typed tree of ``text``; ``expect`` (bool for a condition, number for an amount) is checked."""
    if not isinstance(text, str) or not text.strip():
        raise ExpressionError("规则表达式为空")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"规则表达式语法错误：{exc.msg}", (exc.offset or 1) - 1) from None
    node = _Parser(scope).node(tree.body, inside_aggregate=False)
    if expect and node.type != expect:
        raise ExpressionError(f"规则类型错误：应为{TYPE_LABELS[expect]}，实为{TYPE_LABELS[node.type]}")
    return node


TYPE_LABELS = {NUMBER: "数值", BOOL: "真假判断", STRING: "文本", DATE: "日期", LIST: "列表"}


class _Parser:
    def __init__(self, scope: Scope):
        self.scope = scope

    def fail(self, message: str, node) -> None:
        raise ExpressionError(message, getattr(node, "col_offset", 0))

    def node(self, node, *, inside_aggregate: bool):
        method = getattr(self, f"_{type(node).__name__}", None)
        if method is None:
            self.fail(f"规则中不允许使用 {type(node).__name__}", node)
        return method(node, inside_aggregate)

    def _Constant(self, node, inside):
        value = node.value
        if isinstance(value, bool):
            return Const(value, BOOL)
        if isinstance(value, int | float):
            return Const(float(value), NUMBER)
        if isinstance(value, str):
            return Const(value, STRING)
        self.fail(f"不支持的常量 {value!r}", node)

    def _List(self, node, inside):
        items = [self.node(item, inside_aggregate=inside) for item in node.elts]
        if not all(isinstance(item, Const) for item in items):
            self.fail("列表中只能写常量", node)
        kinds = {item.type for item in items}
        if len(kinds) > 1:
            self.fail("列表中的常量类型不一致", node)
        return Const(tuple(item.value for item in items), LIST)

    _Tuple = _List

    def _Name(self, node, inside):
        name = node.id
        if name in ("True", "False"):
            return Const(name == "True", BOOL)
        fact_type = self.scope.facts.get(name)
        if fact_type is not None:
            if inside:
                self.fail(f"汇总函数内只能使用成员事实（m.{name}），不能使用 {name}", node)
            return FactRef(name, fact_type)
        if name in self.scope.parameters:
            kind, keyed = self.scope.parameters[name]
            if inside and keyed:
                self.fail(f"汇总函数内不能使用按地区等取值的参数 {name}", node)
            return ParamRef(name, kind, keyed)
        self.fail(f"未声明的事实或参数：{name}", node)

    def _Attribute(self, node, inside):
        if not (isinstance(node.value, ast.Name) and node.value.id == MEMBER):
            self.fail("只能用 m.<事实> 引用家庭成员的事实", node)
        fact_type = self.scope.member_facts.get(node.attr)
        if fact_type is None:
            self.fail(f"未声明的成员事实：m.{node.attr}", node)
        if not inside:
            self.fail(f"成员事实 m.{node.attr} 只能在 sum/count/any/all/max/min 中使用", node)
        return FactRef(node.attr, fact_type, member=True)

    def _UnaryOp(self, node, inside):
        operand = self.node(node.operand, inside_aggregate=inside)
        if isinstance(node.op, ast.Not):
            self._want(operand, BOOL, node, "not")
            return Unary("not", operand, BOOL)
        if isinstance(node.op, ast.USub):
            self._want(operand, NUMBER, node, "-")
            if isinstance(operand, Const):
                return Const(-operand.value, NUMBER)
            return Unary("-", operand, NUMBER)
        self.fail("不支持的一元运算", node)

    def _BinOp(self, node, inside):
        op = ARITHMETIC_OPS.get(type(node.op))
        if op is None:
            self.fail("只支持 + - * / 四则运算", node)
        left = self.node(node.left, inside_aggregate=inside)
        right = self.node(node.right, inside_aggregate=inside)
        self._want(left, NUMBER, node, op)
        self._want(right, NUMBER, node, op)
        return Arithmetic(op, left, right)

    def _BoolOp(self, node, inside):
        op = "and" if isinstance(node.op, ast.And) else "or"
        operands = tuple(self.node(v, inside_aggregate=inside) for v in node.values)
        for operand in operands:
            self._want(operand, BOOL, node, op)
        return Logic(op, operands)

    def _Compare(self, node, inside):
        parts = [self.node(node.left, inside_aggregate=inside)]
        parts += [self.node(c, inside_aggregate=inside) for c in node.comparators]
        compares = []
        for index, op_node in enumerate(node.ops):
            op = COMPARE_OPS.get(type(op_node))
            if op is None:
                self.fail("不支持的比较运算", node)
            left, right = parts[index], parts[index + 1]
            if op in ("in", "not in"):
                if right.type != LIST:
                    self.fail(f"{op} 的右边应为列表", node)
                if left.type not in (NUMBER, STRING):
                    self.fail(f"{op} 的左边应为数值或文本", node)
            elif left.type != right.type:
                self.fail(f"比较两边类型不同：{TYPE_LABELS[left.type]}与{TYPE_LABELS[right.type]}", node)
            elif op not in ("==", "!=") and left.type not in (NUMBER, DATE):
                self.fail(f"{TYPE_LABELS[left.type]}不能比较大小", node)
            compares.append(Compare(op, left, right))
        return compares[0] if len(compares) == 1 else Logic("and", tuple(compares))

    def _IfExp(self, node, inside):
        condition = self.node(node.test, inside_aggregate=inside)
        self._want(condition, BOOL, node, "if")
        then = self.node(node.body, inside_aggregate=inside)
        otherwise = self.node(node.orelse, inside_aggregate=inside)
        if then.type != otherwise.type:
            self.fail("条件表达式两个分支的类型不同", node)
        return IfElse(condition, then, otherwise, then.type)

    def _Call(self, node, inside):
        if not isinstance(node.func, ast.Name) or node.keywords:
            self.fail("只能调用 sum/count/any/all/max/min/age", node)
        func = node.func.id
        if func == "age":
            if len(node.args) != 1:
                self.fail("age() 需要一个日期", node)
            argument = self.node(node.args[0], inside_aggregate=inside)
            self._want(argument, DATE, node, "age")
            return Age(argument)
        if func in ("max", "min") and len(node.args) == 2:
            left, right = (self.node(a, inside_aggregate=inside) for a in node.args)
            self._want(left, NUMBER, node, func)
            self._want(right, NUMBER, node, func)
            return Extreme(func, left, right)
        if func not in AGGREGATES:
            self.fail(f"未知函数：{func}", node)
        if inside:
            self.fail("汇总函数不能嵌套", node)
        if func == "count" and not node.args:
            return Aggregate("count", None, NUMBER)
        if len(node.args) != 1:
            self.fail(f"{func}() 需要一个成员表达式", node)
        argument = self.node(node.args[0], inside_aggregate=True)
        if not _mentions_member(argument):
            self.fail(f"{func}() 的参数应引用成员事实 m.<事实>", node)
        wanted = BOOL if func in ("count", "any", "all") else NUMBER
        self._want(argument, wanted, node, func)
        return Aggregate(func, argument, BOOL if func in ("any", "all") else NUMBER)

    def _want(self, operand, kind: str, node, op: str) -> None:
        if operand.type != kind:
            self.fail(f"{op} 需要{TYPE_LABELS[kind]}，得到{TYPE_LABELS[operand.type]}", node)


def _mentions_member(node) -> bool:
    return any(isinstance(n, FactRef) and n.member for n in walk(node))


def walk(node):
    """``node`` and every node under it, depth first."""
    yield node
    for child in children(node):
        yield from walk(child)


def children(node) -> tuple:
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Arithmetic | Compare):
        return (node.left, node.right)
    if isinstance(node, Extreme):
        return (node.left, node.right)
    if isinstance(node, Logic):
        return node.operands
    if isinstance(node, IfElse):
        return (node.condition, node.then, node.otherwise)
    if isinstance(node, Aggregate):
        return () if node.argument is None else (node.argument,)
    if isinstance(node, Age):
        return (node.argument,)
    return ()


def facts_used(node) -> list[FactRef]:
    found = []
    for item in walk(node):
        if isinstance(item, FactRef) and item not in found:
            found.append(item)
    return found


def parameters_used(node) -> list[str]:
    found = []
    for item in walk(node):
        if isinstance(item, ParamRef) and item.name not in found:
            found.append(item.name)
    return found


# --- One household (or person) in Python: three-valued, as SQL is -------------------------------------------

class Context:
    """What one evaluation reads: the entity's facts, its members, the day, and parameter values.

    ``parameter(name)`` returns the value in force (None when none is known for the entity's key).
    Facts read as None are collected in ``missing`` (members as ``(index, name)``).
    """

    def __init__(self, facts: dict, members: list[dict], on: dt.date, parameter):
        self.facts = facts
        self.members = members
        self.on = on
        self.parameter = parameter
        self.missing: list = []

    def fact(self, name: str, member: dict | None, member_index: int | None):
        source = self.facts if member is None else member
        value = source.get(name)
        if value is None:
            marker = name if member is None else (member_index, name)
            if marker not in self.missing:
                self.missing.append(marker)
        return value


def evaluate(node, context: Context, member: dict | None = None, member_index: int | None = None):
    """The value of ``node``: True/False/None for conditions (None: cannot decide), a float, a date, text."""
    kind = type(node)
    if kind is Const:
        return node.value
    if kind is FactRef:
        value = context.fact(node.name, member if node.member else None, member_index)
        return _normalise(value, node.type)
    if kind is ParamRef:
        return _normalise(context.parameter(node.name), node.type)
    if kind is Compare:
        left = evaluate(node.left, context, member, member_index)
        right = evaluate(node.right, context, member, member_index)
        return compare(node.op, left, right)
    if kind is Logic:
        values = [evaluate(o, context, member, member_index) for o in node.operands]
        return kleene(node.op, values)
    if kind is Unary:
        value = evaluate(node.operand, context, member, member_index)
        if value is None:
            return None
        return (not value) if node.op == "not" else -value
    if kind is Arithmetic:
        left = evaluate(node.left, context, member, member_index)
        right = evaluate(node.right, context, member, member_index)
        return arithmetic(node.op, left, right)
    if kind is IfElse:
        condition = evaluate(node.condition, context, member, member_index)
        if condition is None:
            return None
        return evaluate(node.then if condition else node.otherwise, context, member, member_index)
    if kind is Extreme:
        left = evaluate(node.left, context, member, member_index)
        right = evaluate(node.right, context, member, member_index)
        if left is None or right is None:
            return None
        return max(left, right) if node.func == "max" else min(left, right)
    if kind is Age:
        day = evaluate(node.argument, context, member, member_index)
        return None if day is None else float(full_years(day, context.on))
    if kind is Aggregate:
        return _aggregate(node, context)
    raise TypeError(f"unknown node {node!r}")


def _aggregate(node: Aggregate, context: Context):
    if node.argument is None:
        return float(len(context.members))
    values = [evaluate(node.argument, context, member, index) for index, member in enumerate(context.members)]
    unknown = any(v is None for v in values)
    if node.func in ("count", "any", "all"):
        trues = sum(1 for v in values if v is True)
        falses = sum(1 for v in values if v is False)
        if node.func == "any":
            return True if trues else (None if unknown else False)
        if node.func == "all":
            return False if falses else (None if unknown else True)
        return None if unknown else float(trues)
    if unknown:
        return None
    if node.func == "sum":
        total = 0.0
        for value in values:
            total += value
        return total
    if not values:
        return None
    return max(values) if node.func == "max" else min(values)


def _normalise(value, kind: str):
    if value is None:
        return None
    if kind == NUMBER:
        return float(value)
    if kind == DATE and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if kind == DATE and isinstance(value, dt.datetime):
        return value.date()
    if kind == LIST:
        return tuple(value)
    return value


def compare(op: str, left, right):
    if left is None or right is None:
        return None
    if op == "in":
        return left in right
    if op == "not in":
        return left not in right
    return {"==": left == right, "!=": left != right, "<": left < right, "<=": left <= right,
            ">": left > right, ">=": left >= right}[op]


def kleene(op: str, values: list):
    if op == "and":
        if any(v is False for v in values):
            return False
        return None if any(v is None for v in values) else True
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


def arithmetic(op: str, left, right):
    if left is None or right is None:
        return None
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    if op == "*":
        return left * right
    return None if right == 0 else left / right


def full_years(born: dt.date, on: dt.date) -> int:
    """Full years between ``born`` and ``on`` (a person born on 29 February turns a year older on 1 March)."""
    return (on.year * 10000 + on.month * 100 + on.day - (born.year * 10000 + born.month * 100 + born.day)) // 10000


def source_text(node) -> str:
    """A readable text of ``node`` (for explanations of parts of a condition)."""
    kind = type(node)
    if kind is Const:
        if node.type == LIST:
            return "[" + ", ".join(repr(v) if isinstance(v, str) else _number(v) for v in node.value) + "]"
        if node.type == NUMBER:
            return _number(node.value)
        return repr(node.value)
    if kind is FactRef:
        return f"m.{node.name}" if node.member else node.name
    if kind is ParamRef:
        return node.name
    if kind is Compare or kind is Arithmetic:
        return f"{_wrapped(node.left)} {node.op} {_wrapped(node.right)}"
    if kind is Logic:
        return f" {node.op} ".join(_wrapped(o) for o in node.operands)
    if kind is Unary:
        return f"not {_wrapped(node.operand)}" if node.op == "not" else f"-{_wrapped(node.operand)}"
    if kind is IfElse:
        return f"{source_text(node.then)} if {source_text(node.condition)} else {source_text(node.otherwise)}"
    if kind is Extreme:
        return f"{node.func}({source_text(node.left)}, {source_text(node.right)})"
    if kind is Age:
        return f"age({source_text(node.argument)})"
    if kind is Aggregate:
        return f"{node.func}({'' if node.argument is None else source_text(node.argument)})"
    return repr(node)


def _wrapped(node) -> str:
    text = source_text(node)
    return f"({text})" if isinstance(node, Arithmetic | Logic | Compare | IfElse) else text


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)
