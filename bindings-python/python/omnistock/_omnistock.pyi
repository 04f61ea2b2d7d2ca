"""Type stubs of the native module ``omnistock._omnistock`` (checked by ``mypy.stubtest``).

Time convention: ``now`` is a timezone-aware ``datetime.datetime`` or an RFC 3339 string with
an offset (``"2026-11-30T09:00:00Z"``); a naive datetime is ``OmnistockError`` code
``invalid_input`` with ``context["field"] == "now"`` (no zone is ever guessed). Dates inside
inputs are ISO strings; dates in results are ISO ``"YYYY-MM-DD"`` strings.
"""

import datetime
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union, final

__all__ = [
    "ERROR_CODES",
    "SNAPSHOT_VERSION",
    "History",
    "Inventory",
    "OmnistockError",
    "__version__",
    "comparison_table",
    "forecast",
    "generate",
    "kpis",
    "simulate",
]
__version__: str
ERROR_CODES: List[str]
SNAPSHOT_VERSION: int

class OmnistockError(ValueError):
    """An omnistock error with a stable ``code`` (one of ``ERROR_CODES``)."""

    code: str
    message: str
    context: Dict[str, str]

_HistoryArg = Union["History", Iterable[Mapping[str, Any]], Mapping[str, Sequence[Any]]]

@final
class History:
    """A demand history read once (rows or columns, as ``Inventory.replenish`` takes), to pass
    to several ``replenish`` / ``alerts`` calls without reading it again."""

    def __new__(cls, history: Union[Iterable[Mapping[str, Any]], Mapping[str, Sequence[Any]]]) -> "History": ...
    def __len__(self) -> int: ...

@final
class Inventory:
    """The whole stock state: a validated network and its ledger."""

    def __new__(cls, network: Union[Mapping[str, Any], str]) -> "Inventory": ...
    def apply(self, events: Union[Iterable[Mapping[str, Any]], str]) -> List[Dict[str, Any]]: ...
    def atp(self, sku: str, pool: str) -> int: ...
    def atp_many(self, skus: Sequence[str], pool: str) -> List[int]: ...
    def atp_by_location(self, sku: str, pool: str) -> List[Dict[str, Any]]: ...
    def atp_timeline(self, sku: str, pool: str, now: Union[datetime.datetime, str], days: int) -> Dict[str, Any]: ...
    def atp_timeline_for_channel(
        self, sku: str, channel: str, now: Union[datetime.datetime, str], days: int
    ) -> Dict[str, Any]: ...
    def promise(self, request: Mapping[str, Any], now: Union[datetime.datetime, str]) -> Dict[str, Any]: ...
    def promise_many(
        self, requests: Iterable[Mapping[str, Any]], now: Union[datetime.datetime, str]
    ) -> List[Dict[str, Any]]: ...
    def allocate(
        self,
        orders: Union[Iterable[Mapping[str, Any]], str],
        rules: Union[Mapping[str, Any], str],
        now: Union[datetime.datetime, str],
    ) -> Dict[str, Any]: ...
    def allocate_wave(
        self,
        orders: Union[Iterable[Mapping[str, Any]], str],
        rules: Union[Mapping[str, Any], str],
        now: Union[datetime.datetime, str],
    ) -> Dict[str, Any]: ...
    def process_backorders(
        self,
        backlog: Union[Iterable[Mapping[str, Any]], str],
        rules: Union[Mapping[str, Any], str],
        now: Union[datetime.datetime, str],
    ) -> Dict[str, Any]: ...
    def replenish(
        self,
        history: _HistoryArg,
        policies: Mapping[str, Any],
        now: Union[datetime.datetime, str],
    ) -> Dict[str, Any]: ...
    def alerts(
        self,
        history: _HistoryArg,
        policies: Mapping[str, Any],
        now: Union[datetime.datetime, str],
    ) -> List[Dict[str, Any]]: ...
    def commit(self, plan: Mapping[str, Any]) -> Dict[str, Any]: ...
    def release_order(self, order_id: str) -> Dict[str, Any]: ...
    def reallocate(
        self, order_id: str, event: Mapping[str, Any], now: Union[datetime.datetime, str]
    ) -> Dict[str, Any]: ...
    def reallocate_offline(self, location: str, now: Union[datetime.datetime, str]) -> Dict[str, Any]: ...
    def open_orders(self) -> List[Dict[str, Any]]: ...
    def open_order(self, order_id: str) -> Optional[Dict[str, Any]]: ...
    def capacity_used(self, location: str, date: Union[datetime.date, str]) -> Dict[str, int]: ...
    def position(self, location: str, sku: str) -> Optional[Dict[str, Any]]: ...
    def reservations(self) -> List[Dict[str, Any]]: ...
    def has_applied(self, event_id: str) -> bool: ...
    def snapshot(self) -> bytes: ...
    @staticmethod
    def restore(data: bytes) -> "Inventory": ...
    def __reduce__(self) -> Tuple[Any, Tuple[bytes]]: ...

def forecast(demand: Sequence[int], method: Mapping[str, Any]) -> Dict[str, Any]: ...

def kpis(outcomes: Union[Iterable[Mapping[str, Any]], str], baseline: Optional[str] = None) -> Dict[str, Any]: ...

def simulate(
    scenario: Union[Mapping[str, Any], str],
    rule_sets: Optional[Sequence[Union[str, Mapping[str, Any]]]] = None,
    *,
    outcomes: bool = True,
) -> Dict[str, Any]: ...

def generate(
    *,
    size: str = ...,
    seed: int = ...,
    stores: int = ...,
    skus: int = ...,
    days: int = ...,
    orders_per_day: int = ...,
    start: str = ...,
) -> Dict[str, Any]: ...

def comparison_table(comparison: Union[Mapping[str, Any], str]) -> str: ...
