"""A production's data version: one counter that changes whenever its data does.

``ProductionDataVersion.version`` is bumped by PostgreSQL triggers, in the writing
transaction, on every table that holds a production's data, whoever writes (a page, the
API, a CSV import, the admin, a bulk ``update()``, a cascade). The triggers are
**statement-level** with transition tables (``REFERENCING NEW TABLE … OLD TABLE``), so a
bulk write of 300 rows bumps each production it touches once.

Readers use the version as a cheap validator: ``core.api.conditional`` answers a
revalidation with 304 when the (version, viewer, request) key still maps to the tag the
client holds, without building the body (see ``docs/performance.md``).

Each app adds the triggers for its own tables in a migration, with
:class:`AddDataVersionTrigger`::

    AddDataVersionTrigger("crew_person", "SELECT r.production_id FROM {rows} r")
    AddDataVersionTrigger(               # a through table, mapped by its parent
        "productions_deadline_owners",
        "SELECT d.production_id FROM {rows} r JOIN productions_deadline d ON d.id = r.deadline_id",
    )

``production_sql`` selects the ids of the productions that the changed rows belong to;
``{rows}`` stands for the changed rows (the transition table) and must be given an alias.
``tests/productions/test_data_version_triggers.py`` walks every model with a path to a
production and fails when its table has no trigger, so a new table cannot forget one.

Time-dependent content (a deadline becomes *overdue* when its due time passes, with no
write) is covered by ``clock_marks``: the instants still to come at which something shown
changes by itself. A trigger given ``clock_sql`` adds the instants of the rows written
(past ones are dropped at each such write, which bumps the version anyway); a reader puts
"how many marks have passed" into its key. A mark that no longer matters (a deadline
completed before it fell due) only costs one extra rebuild.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import ProjectState

VERSION_TABLE = "productions_productiondataversion"
ROWS = "{rows}"
_EVENTS = ("INSERT", "UPDATE", "DELETE")
_SUFFIX = {"INSERT": "ins", "UPDATE": "upd", "DELETE": "del"}
_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


def passed_marks(marks: Sequence[datetime], now: datetime) -> int:
    """How many of the (sorted) clock marks lie before ``now``."""
    return bisect_left(marks, now)


def trigger_name(name: str, event: str) -> str:
    """The PostgreSQL name of the trigger (and its function) for ``name`` and ``event``."""
    return f"dv_{name}_{_SUFFIX[event]}"


class AddDataVersionTrigger(migrations.operations.base.Operation):
    """Bump the data version of every production a statement on ``table`` touches.

    - ``production_sql``: a SELECT of production ids from ``{rows}`` (aliased), the rows
      the statement inserted, updated (old and new) or deleted.
    - ``name``: the triggers are ``dv_<name>_ins|upd|del`` (default: the table); give
      another name for a second mapping of the same table (users, below).
    - ``events``: which statements bump (default all three).
    - ``ignore_columns``: updates that change only these columns do not bump (a login
      updates ``last_login``, which no list shows). The table needs an ``id`` column.
    - ``clock_sql``: a SELECT of ``(production_id, instant)`` from ``{rows}`` (aliased):
      future instants at which what these rows show changes by itself.
    """

    reduces_to_sql = True
    reversible = True

    def __init__(
        self,
        table: str,
        production_sql: str,
        *,
        name: str | None = None,
        events: Sequence[str] = _EVENTS,
        ignore_columns: Sequence[str] = (),
        clock_sql: str | None = None,
    ) -> None:
        self.table = table
        self.production_sql = production_sql
        self.name = name or table
        self.events = tuple(events)
        self.ignore_columns = tuple(ignore_columns)
        self.clock_sql = clock_sql
        if not _NAME.match(self.table) or not _NAME.match(self.name):
            raise ValueError(f"not a plain SQL name: {self.table!r} / {self.name!r}")
        if ROWS not in production_sql or (clock_sql is not None and ROWS not in clock_sql):
            raise ValueError("production_sql and clock_sql select from {rows}")
        if not set(self.events) <= set(_EVENTS) or not self.events:
            raise ValueError(f"events are some of {_EVENTS}")
        if len(trigger_name(self.name, "UPDATE")) > 63:
            raise ValueError(f"name too long for PostgreSQL: {self.name!r}")

    @classmethod
    def for_user(cls, via_table: str, production_sql: str) -> AddDataVersionTrigger:
        """A user's row changed (their name shows wherever they appear): bump the
        productions that ``via_table`` links them to.

        ``production_sql`` selects production ids from ``via_table`` joined to
        ``{rows}`` (changed ``accounts_user`` rows). Logins and password changes do not
        bump.
        """
        return cls(
            "accounts_user",
            production_sql,
            name=f"user__{via_table}",
            events=("UPDATE",),
            ignore_columns=("last_login", "password"),
        )

    # -- SQL ---------------------------------------------------------------------------

    def _changed(self, side: str) -> str:
        """The changed rows of one side of an UPDATE, as a relation to alias."""
        if not self.ignore_columns:
            return f"{side}_rows"
        dropped = "ARRAY[" + ", ".join(f"'{c}'" for c in self.ignore_columns) + "]::text[]"
        other = "old" if side == "new" else "new"
        # nosec B608 below: SQL built at migration time from the migrations' table and
        # column names, never from input.
        return (
            f"(SELECT s.* FROM {side}_rows s JOIN {other}_rows o ON o.id = s.id "  # nosec B608
            f"WHERE (to_jsonb(s) - {dropped}) IS DISTINCT FROM (to_jsonb(o) - {dropped}))"
        )

    def _body(self, event: str) -> str:
        if event == "INSERT":
            sides = [("new_rows", True)]
        elif event == "DELETE":
            sides = [("old_rows", False)]
        else:
            sides = [(self._changed("new"), True), (self._changed("old"), False)]
        productions = " UNION ".join(
            f"({self.production_sql.replace(ROWS, rows)})" for rows, _ in sides
        )
        assignments = ["version = v.version + 1"]
        new_rows = [rows for rows, is_new in sides if is_new]
        if self.clock_sql is not None and new_rows:
            instants = self.clock_sql.replace(ROWS, new_rows[0])
            assignments.append(
                "clock_marks = ARRAY(SELECT DISTINCT m FROM unnest(v.clock_marks || ARRAY("  # nosec B608
                f"SELECT c.at FROM ({instants}) AS c(production_id, at) "
                "WHERE c.production_id = v.production_id)) AS m "
                "WHERE m > now() ORDER BY m)"
            )
        return (
            f"UPDATE {VERSION_TABLE} AS v SET {', '.join(assignments)} "  # nosec B608
            f"WHERE v.production_id IN ({productions});"
        )

    def create_sql(self) -> list[str]:
        statements = []
        for event in self.events:
            trigger = trigger_name(self.name, event)
            referencing = {
                "INSERT": "NEW TABLE AS new_rows",
                "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
                "DELETE": "OLD TABLE AS old_rows",
            }[event]
            statements.append(
                f"CREATE OR REPLACE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                f"BEGIN\n  {self._body(event)}\n  RETURN NULL;\nEND\n$$;"
            )
            statements.append(
                f"CREATE TRIGGER {trigger} AFTER {event} ON {self.table} "
                f"REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION {trigger}();"
            )
        return statements

    def drop_sql(self) -> list[str]:
        statements = []
        for event in self.events:
            trigger = trigger_name(self.name, event)
            statements.append(f"DROP TRIGGER IF EXISTS {trigger} ON {self.table};")
            statements.append(f"DROP FUNCTION IF EXISTS {trigger}();")
        return statements

    # -- Operation ---------------------------------------------------------------------

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        """Triggers are not part of Django's model state."""

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        for statement in self.create_sql():
            schema_editor.execute(statement, params=None)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        for statement in self.drop_sql():
            schema_editor.execute(statement, params=None)

    def describe(self) -> str:
        return f"Data version trigger {self.name} on {self.table}"

    @property
    def migration_name_fragment(self) -> str:
        return f"data_version_{self.name}"

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        kwargs: dict[str, Any] = {}
        if self.name != self.table:
            kwargs["name"] = self.name
        if self.events != _EVENTS:
            kwargs["events"] = self.events
        if self.ignore_columns:
            kwargs["ignore_columns"] = self.ignore_columns
        if self.clock_sql is not None:
            kwargs["clock_sql"] = self.clock_sql
        return (self.__class__.__qualname__, [self.table, self.production_sql], kwargs)
