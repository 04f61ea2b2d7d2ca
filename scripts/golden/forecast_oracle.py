#!/usr/bin/env python3
"""Independent plain-Python oracle for the forecast conventions of omnistock.

Written from the stated conventions only (no Rust code read or shared). Every value is a
fractions.Fraction; a smoothing constant is read through its decimal text (0.1 is exactly
1/10), and only RMSE leaves exact arithmetic, through math.sqrt at the very end.

Conventions (daily demand y_1..y_T, non-negative integers; errors are in-sample one-step
errors e_t = y_t - F_t; MAD = mean |e_t|, RMSE = sqrt(mean e_t^2) over the listed t; no error
term -> MAD = RMSE = 0; T = 0 -> mean 0):

  moving_average {window n >= 1}: F_{t+1} = mean of the last min(n, t) values up to t;
      mean = F_{T+1}; errors t = 2..T.
  ses {alpha in (0, 1]}: F_2 = y_1, F_{t+1} = alpha y_t + (1 - alpha) F_t; mean = F_{T+1}
      (T = 1: y_1); errors t = 2..T.
  holt {alpha, beta in (0, 1]}: L_1 = y_1, b_1 = y_2 - y_1 (0 if T = 1); for t = 2..T
      L_t = alpha y_t + (1 - alpha)(L_{t-1} + b_{t-1}),
      b_t = beta (L_t - L_{t-1}) + (1 - beta) b_{t-1};
      F_t = L_{t-1} + b_{t-1}, errors t = 3..T; mean = max(0, L_T + b_T); trend = b_T;
      k steps ahead: max(0, L_T + k b_T).
  croston {alpha in (0, 1]}: t1 = first t with y_t > 0; z = y_t1, p = t1; at each later
      t with y_t > 0: q = t - (previous demand period), z += alpha (y_t - z),
      p += alpha (q - p). f_t = z / p after period t (changes only at demand periods);
      errors t = t1+1..T with F_t = f_{t-1}; no demand at all: mean 0, MAD = RMSE = 0.
  sba {alpha}: croston with forecast (1 - alpha/2) z / p (Syntetos & Boylan 2005).

Usage:
  python3 scripts/golden/forecast_oracle.py            # recompute every
                                                       # testdata/golden/forecast/*.json
  python3 scripts/golden/forecast_oracle.py FILE...    # recompute the given vectors
Exit status 1 when a vector's "worked" numbers differ from the oracle (relative 1e-12).
"""

import json
import math
import os
import sys
from fractions import Fraction as F

REL_TOL = 1e-12


def frac(x):
    """An exact Fraction from an int, a Fraction or a decimal number (through its text)."""
    if isinstance(x, F):
        return x
    if isinstance(x, bool):
        raise TypeError("bool is not a number")
    if isinstance(x, int):
        return F(x)
    if isinstance(x, float):
        return F(repr(x))
    if isinstance(x, str):
        return F(x)
    raise TypeError(f"not a number: {x!r}")


def _check_demand(y):
    for v in y:
        if not isinstance(v, int) or isinstance(v, bool) or v < 0:
            raise ValueError(f"demand must be non-negative integers, got {v!r}")


def _param(name, v, lo_open=True):
    a = frac(v)
    if not (F(0) < a <= F(1)):
        raise ValueError(f"{name} must be in (0, 1], got {v!r}")
    return a


def _errors_summary(errors):
    """(mad, mse) as Fractions; (0, 0) when there is no error term."""
    if not errors:
        return F(0), F(0)
    n = len(errors)
    return sum(abs(e) for e in errors) / n, sum(e * e for e in errors) / n


def _result(mean, errors, forecasts, extra=None):
    mad, mse = _errors_summary(errors)
    r = {"mean": mean, "mad": mad, "mse": mse, "errors": errors, "forecasts": forecasts}
    if extra:
        r.update(extra)
    return r


def moving_average(y, window):
    _check_demand(y)
    if not isinstance(window, int) or isinstance(window, bool) or window < 1:
        raise ValueError(f"window must be an integer >= 1, got {window!r}")
    T = len(y)

    def f_after(t):  # F_{t+1}, t >= 1
        k = min(window, t)
        return F(sum(y[t - k:t]), k)

    forecasts = {}  # t -> F_t for t = 2..T+1
    for t in range(1, T + 1):
        forecasts[t + 1] = f_after(t)
    errors = [F(y[t - 1]) - forecasts[t] for t in range(2, T + 1)]
    mean = forecasts[T + 1] if T >= 1 else F(0)
    return _result(mean, errors, forecasts)


def ses(y, alpha):
    _check_demand(y)
    a = _param("alpha", alpha)
    T = len(y)
    if T == 0:
        return _result(F(0), [], {})
    forecasts = {2: F(y[0])}
    for t in range(2, T + 1):
        forecasts[t + 1] = a * y[t - 1] + (1 - a) * forecasts[t]
    errors = [F(y[t - 1]) - forecasts[t] for t in range(2, T + 1)]
    return _result(forecasts[T + 1], errors, forecasts)


def holt(y, alpha, beta, horizon=5):
    _check_demand(y)
    a = _param("alpha", alpha)
    b_ = _param("beta", beta)
    T = len(y)
    if T == 0:
        return _result(F(0), [], {}, {"trend": F(0), "level": {}, "slope": {}, "ahead": []})
    L = {1: F(y[0])}
    b = {1: F(y[1] - y[0]) if T >= 2 else F(0)}
    forecasts = {}
    for t in range(2, T + 1):
        forecasts[t] = L[t - 1] + b[t - 1]
        L[t] = a * y[t - 1] + (1 - a) * (L[t - 1] + b[t - 1])
        b[t] = b_ * (L[t] - L[t - 1]) + (1 - b_) * b[t - 1]
    errors = [F(y[t - 1]) - forecasts[t] for t in range(3, T + 1)]
    ahead = [max(F(0), L[T] + k * b[T]) for k in range(1, horizon + 1)]
    return _result(ahead[0] if ahead else max(F(0), L[T] + b[T]), errors, forecasts,
                   {"trend": b[T], "level": L, "slope": b, "ahead": ahead})


def _croston_core(y, alpha, factor):
    _check_demand(y)
    a = _param("alpha", alpha)
    T = len(y)
    demand_periods = [t for t in range(1, T + 1) if y[t - 1] > 0]
    if not demand_periods:
        return _result(F(0), [], {}, {"states": []})
    t1 = demand_periods[0]
    z, p = F(y[t1 - 1]), F(t1)
    states = [{"t": t1, "y": y[t1 - 1], "q": t1, "z": z, "p": p}]
    f = {t1: factor * z / p}  # forecast after period t
    last = t1
    for t in range(t1 + 1, T + 1):
        if y[t - 1] > 0:
            q = t - last
            z = z + a * (y[t - 1] - z)
            p = p + a * (q - p)
            last = t
            states.append({"t": t, "y": y[t - 1], "q": q, "z": z, "p": p})
        f[t] = factor * z / p
    forecasts = {t: f[t - 1] for t in range(t1 + 1, T + 1)}
    errors = [F(y[t - 1]) - forecasts[t] for t in range(t1 + 1, T + 1)]
    return _result(f[T], errors, forecasts, {"states": states, "first_demand": t1})


def croston(y, alpha):
    return _croston_core(y, alpha, F(1))


def sba(y, alpha):
    return _croston_core(y, alpha, 1 - frac(alpha) / 2)


def run(demand, method):
    """The oracle's result for one {"op": "forecast"} step; exact Fractions inside."""
    m = dict(method)
    kind = m.pop("method")
    if kind == "moving_average":
        r = moving_average(demand, m.pop("window"))
    elif kind == "ses":
        r = ses(demand, m.pop("alpha"))
    elif kind == "holt":
        r = holt(demand, m.pop("alpha"), m.pop("beta"))
    elif kind == "croston":
        r = croston(demand, m.pop("alpha"))
    elif kind == "sba":
        r = sba(demand, m.pop("alpha"))
    else:
        raise ValueError(f"unknown method {kind!r}")
    if m:
        raise ValueError(f"unexpected method fields {sorted(m)}")
    r["kind"] = kind
    return r


def worked(r):
    """The floats a vector carries in "worked"."""
    w = {"mean": float(r["mean"]), "mad": float(r["mad"]), "rmse": math.sqrt(float(r["mse"]))}
    if r["kind"] == "holt":
        w["trend"] = float(r["trend"])
    return w


def close(a, b, rel=REL_TOL):
    return a == b or abs(a - b) <= rel * max(abs(a), abs(b), 1e-300)


def check_file(path):
    v = json.load(open(path))
    problems = []
    steps = v["input"]["steps"]
    if len(steps) != 1 or steps[0].get("op") != "forecast":
        return [f"{path}: expected exactly one forecast step"]
    r = run(steps[0]["demand"], steps[0]["method"])
    got = worked(r)
    want = v["worked"]
    if set(got) != set(want):
        problems.append(f"{path}: worked keys {sorted(want)} but oracle gives {sorted(got)}")
    for k in got:
        if k in want and not close(got[k], want[k]):
            problems.append(f"{path}: {k} = {want[k]!r} but the oracle gives {got[k]!r}")
    return problems


def main(argv):
    if argv:
        files = argv
    else:
        d = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                         "../../testdata/golden/forecast")
        files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".json"))
    problems = []
    for f in files:
        problems += check_file(f)
    for p in problems:
        print(p)
    print(f"{len(files)} vector(s) recomputed, {len(problems)} difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
