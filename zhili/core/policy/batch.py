"""Decide a whole population at once: policies compiled into one Ibis query (DuckDB, PostgreSQL, PySpark).

The input is a table of entities (one row each, ``key`` and one column per fact) and, for households, a table of
members (``key`` and the person facts). Member aggregates become one grouped scan of the members, joined back;
every policy becomes a three-valued column ``<code>`` (true, false, null for "cannot decide") and, when it has an
amount, ``<code>__amount``. Nulls follow SQL's rules, which ``expressions.evaluate`` copies, so a household
decided here and one decided alone (``evaluation.decide``) come out the same.
"""

import datetime as dt
from dataclasses import dataclass

from . import expressions as ex
from .declarations import Policy
from .domains import Domain
from .evaluation import money

IBIS_TYPES = {ex.NUMBER: "float64", ex.BOOL: "boolean", ex.STRING: "string", ex.DATE: "date"}
AMOUNT_SUFFIX = "__amount"


def _null(kind: str):
    import ibis

    return ibis.null().cast(IBIS_TYPES[kind])


def _literal(value, kind: str):
    import ibis

    if value is None:
        return _null(kind)
    if kind == ex.NUMBER:
        return ibis.literal(float(value), type="float64")
    return ibis.literal(value, type=IBIS_TYPES[kind])


class _Compiler:
    """Turns expression trees into Ibis values over one table (the entities, or the members)."""

    def __init__(self, domain: Domain, on: dt.date, aggregates: dict | None = None):
        self.domain = domain
        self.on = on
        self.aggregates = aggregates  # Aggregate node -> finished Ibis value (entity side only)
        self.table = None

    def parameter(self, node: ex.ParamRef):
        key_fact = self.domain.parameter_keys.get(node.name)
        if not key_fact:
            found = self.domain.parameter_value(node.name, self.on)
            return None if found is None else found.value
        parameter = self.domain.parameters[node.name]
        keys = parameter.keys() or self._derived_keys(node.name)
        column = self.table[key_fact].cast("string")
        result = _null(node.type)
        for key in keys:
            found = self.domain.parameter_value(node.name, self.on, key)
            if found is not None:
                import ibis

                result = ibis.ifelse(column == key, _literal(found.value, node.type), result)
        return result

    def _derived_keys(self, name: str) -> list[str]:
        keys: set = set()
        for used in ex.parameters_used(self.domain.derived[name]):
            keys |= set(self.domain.parameters[used].keys() or self._derived_keys(used)
                        if self.domain.parameter_keys.get(used) else ())
        return sorted(keys)

    def value(self, node):
        import ibis

        kind = type(node)
        if kind is ex.Const:
            return node.value if node.type == ex.LIST else _literal(node.value, node.type)
        if kind is ex.FactRef:
            return self.table[node.name].cast(IBIS_TYPES[node.type])
        if kind is ex.ParamRef:
            found = self.parameter(node)
            if node.type == ex.LIST:
                return found
            return found if not (found is None or isinstance(found, int | float | str | bool | dt.date)) \
                else _literal(found, node.type)
        if kind is ex.Compare:
            left = self.value(node.left)
            right = self.value(node.right)
            if node.op in ("in", "not in"):
                if right is None:
                    return _null(ex.BOOL)
                found = left.isin(list(right))
                return found if node.op == "in" else ~found
            return {"==": left.__eq__, "!=": left.__ne__, "<": left.__lt__, "<=": left.__le__, ">": left.__gt__,
                    ">=": left.__ge__}[node.op](right)
        if kind is ex.Logic:
            values = [self.value(o) for o in node.operands]
            result = values[0]
            for value in values[1:]:
                result = (result & value) if node.op == "and" else (result | value)
            return result
        if kind is ex.Unary:
            operand = self.value(node.operand)
            return ~operand if node.op == "not" else -operand
        if kind is ex.Arithmetic:
            left, right = self.value(node.left), self.value(node.right)
            if node.op == "+":
                return left + right
            if node.op == "-":
                return left - right
            if node.op == "*":
                return left * right
            return ibis.ifelse(right == 0, _null(ex.NUMBER), left / right)
        if kind is ex.IfElse:
            condition = self.value(node.condition)
            return ibis.ifelse(condition.isnull(), _null(node.type),
                               ibis.ifelse(condition, self.value(node.then), self.value(node.otherwise)))
        if kind is ex.Extreme:
            left, right = self.value(node.left), self.value(node.right)
            pick = (left >= right) if node.func == "max" else (left <= right)
            return ibis.ifelse(left.isnull() | right.isnull(), _null(ex.NUMBER), ibis.ifelse(pick, left, right))
        if kind is ex.Age:
            day = self.value(node.argument)
            today = self.on.year * 10000 + self.on.month * 100 + self.on.day
            born = day.year() * 10000 + day.month() * 100 + day.day()
            return ((ibis.literal(today, type="int64") - born.cast("int64")) // 10000).cast("float64")
        if kind is ex.Aggregate:
            return self.aggregates[node]
        raise TypeError(f"unknown node {node!r}")


def _aggregate_nodes(policies: list[Policy]) -> list[ex.Aggregate]:
    found = []
    for policy in policies:
        nodes = [node for _, node in policy.compiled.conditions]
        if policy.compiled.amount is not None:
            nodes.append(policy.compiled.amount)
        for node in nodes:
            for item in ex.walk(node):
                if isinstance(item, ex.Aggregate) and item not in found:
                    found.append(item)
    return found


def _member_aggregates(domain: Domain, members, key: str, nodes: list, on: dt.date):
    """One grouped scan of the members: the counts and values every aggregate needs, per entity key."""
    import ibis

    compiler = _Compiler(domain, on)
    compiler.table = members
    metrics = {}
    for index, node in enumerate(nodes):
        prefix = f"_a{index}"
        if node.argument is None:
            metrics[f"{prefix}_rows"] = members.count()
            continue
        argument = compiler.value(node.argument)
        one, zero = ibis.literal(1, type="int64"), ibis.literal(0, type="int64")
        metrics[f"{prefix}_null"] = ibis.ifelse(argument.isnull(), one, zero).sum()
        if node.func in ("count", "any", "all"):
            metrics[f"{prefix}_true"] = ibis.ifelse(argument, one, zero).sum()
            metrics[f"{prefix}_false"] = ibis.ifelse(~argument, one, zero).sum()
        elif node.func == "sum":
            metrics[f"{prefix}_value"] = argument.sum()
        else:
            metrics[f"{prefix}_value"] = argument.max() if node.func == "max" else argument.min()
    return members.group_by(members[key].name("_member_key")).aggregate(**metrics)


def _finish_aggregates(table, nodes: list) -> dict:
    import ibis

    done = {}
    for index, node in enumerate(nodes):
        prefix = f"_a{index}"

        def count(name, prefix=prefix):
            return table[f"{prefix}_{name}"].fill_null(0)

        if node.argument is None:
            done[node] = count("rows").cast("float64")
            continue
        unknown = count("null") > 0
        if node.func == "count":
            done[node] = ibis.ifelse(unknown, _null(ex.NUMBER), count("true").cast("float64"))
        elif node.func == "any":
            done[node] = ibis.ifelse(count("true") > 0, True, ibis.ifelse(unknown, _null(ex.BOOL), False))
        elif node.func == "all":
            done[node] = ibis.ifelse(count("false") > 0, False, ibis.ifelse(unknown, _null(ex.BOOL), True))
        elif node.func == "sum":
            done[node] = ibis.ifelse(unknown, _null(ex.NUMBER),
                                     table[f"{prefix}_value"].cast("float64").fill_null(0.0))
        else:
            done[node] = ibis.ifelse(unknown, _null(ex.NUMBER), table[f"{prefix}_value"].cast("float64"))
    return done


def batch_query(domain: Domain, entities, on: dt.date, *, members=None, key: str = "household_id",
                policies: list[Policy] | None = None):
    """One Ibis expression: ``key``, then per policy a nullable boolean ``<code>`` and ``<code>__amount``."""
    import ibis

    policies = list(policies) if policies is not None else domain.in_force(on, "household")
    for policy in policies:
        if not policy.code.isidentifier():
            raise ValueError(f"policy code {policy.code!r} cannot name a column")
    nodes = _aggregate_nodes(policies)
    table = entities
    if nodes:
        if members is None:
            raise ValueError("these policies read household members; pass members=")
        grouped = _member_aggregates(domain, members, key, nodes, on)
        table = entities.left_join(grouped, entities[key] == grouped["_member_key"])
        table = table.select([c for c in table.columns if c != "_member_key"])
    compiler = _Compiler(domain, on, _finish_aggregates(table, nodes))
    compiler.table = table
    columns = {"key": table[key].cast("string")}
    for policy in policies:
        conditions = [compiler.value(node) for _, node in policy.compiled.conditions]
        held = conditions[0]
        for condition in conditions[1:]:
            held = held & condition
        if policy.compiled.amount is not None:
            amount = compiler.value(policy.compiled.amount)
            columns[policy.code] = ibis.ifelse(held, ibis.ifelse(amount.isnull(), _null(ex.BOOL), True), held)
            columns[policy.code + AMOUNT_SUFFIX] = ibis.ifelse(held, amount, _null(ex.NUMBER))
        else:
            columns[policy.code] = held
    return table.select(**columns).order_by("key")


@dataclass
class BatchResult:
    """Decisions for a population, column by column (a pyarrow table underneath)."""

    table: object
    policies: list

    def __len__(self) -> int:
        return self.table.num_rows

    def keys(self) -> list[str]:
        return self.table.column("key").to_pylist()

    def statuses(self, code: str) -> list[str]:
        """``eligible``/``ineligible``/``undecided`` for each entity, in key order."""
        names = {True: "eligible", False: "ineligible", None: "undecided"}
        return [names[v] for v in self.table.column(code).to_pylist()]

    def counts(self) -> dict[str, dict[str, int]]:
        """Per policy, how many entities are eligible, ineligible and undecided."""
        import pyarrow.compute as pc

        found = {}
        for policy in self.policies:
            column = self.table.column(policy.code)
            eligible = pc.sum(pc.cast(pc.fill_null(column, False), "int64")).as_py() or 0
            undecided = column.null_count
            found[policy.code] = {"eligible": eligible, "ineligible": len(column) - eligible - undecided,
                                  "undecided": undecided}
        return found

    def matches(self) -> list[tuple]:
        """``(key, policy code, amount or None)`` for every eligible pair, policy by policy."""
        import pyarrow.compute as pc

        found = []
        keys = self.table.column("key")
        for policy in self.policies:
            mask = pc.fill_null(self.table.column(policy.code), False)
            chosen = pc.filter(keys, mask).to_pylist()
            if policy.compiled.amount is not None:
                amounts = [money(a) for a in pc.filter(self.table.column(policy.code + AMOUNT_SUFFIX),
                                                        mask).to_pylist()]
            else:
                amounts = [None] * len(chosen)
            found += [(k, policy.code, a) for k, a in zip(chosen, amounts, strict=True)]
        return found

    def outcome(self, index: int) -> dict:
        """One entity's outcome: policy code -> (status, amount)."""
        row = self.table.slice(index, 1).to_pylist()[0]
        names = {True: "eligible", False: "ineligible", None: "undecided"}
        return {p.code: (names[row[p.code]], money(row.get(p.code + AMOUNT_SUFFIX))) for p in self.policies}


def evaluate_batch(domain: Domain, entities, on: dt.date, *, members=None, key: str = "household_id",
                   policies: list[Policy] | None = None) -> BatchResult:
    """Run ``batch_query`` on the backend the tables live on and return the decisions."""
    policies = list(policies) if policies is not None else domain.in_force(on, "household")
    query = batch_query(domain, entities, on, members=members, key=key, policies=policies)
    return BatchResult(query.to_pyarrow(), policies)
