//! Demand forecasts from a daily history: moving average, simple exponential smoothing, Holt's
//! linear trend, and Croston / SBA for intermittent demand.
//!
//! Every method reads a series `y_1..y_T` (daily demand, oldest first) and reports the mean
//! demand per day for the days ahead and the in-sample one-step-ahead errors
//! `e_t = y_t − F_t`, summarised as MAD (`mean |e_t|`) and RMSE (`√(mean e_t²)`). RMSE is the
//! σ of daily demand used by safety stock. A series too short to have any error term reports
//! MAD = RMSE = 0; an empty series forecasts 0.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode, Result};

/// A forecast method and its parameters (`{"method": "ses", "alpha": 0.2}`).
///
/// | method | forecast `F_{t+1}` | errors over |
/// |---|---|---|
/// | `moving_average {window n}` | mean of the last `min(n, t)` observations | `t = 2..T` |
/// | `ses {alpha}` | `F_2 = y_1`, `F_{t+1} = α·y_t + (1−α)·F_t` (Brown) | `t = 2..T` |
/// | `holt {alpha, beta}` | `L_1 = y_1`, `b_1 = y_2 − y_1`; `L_t = α·y_t + (1−α)(L_{t−1}+b_{t−1})`, `b_t = β(L_t−L_{t−1}) + (1−β)b_{t−1}`; `F_{t+1} = L_t + b_t`, `k` days ahead `max(0, L_T + k·b_T)` (Holt 1957) | `t = 3..T` |
/// | `croston {alpha}` | on demand periods only: size `z ← z + α(y_t − z)`, interval `p ← p + α(q − p)`, starting from the first demand `z = y_{t1}`, `p = t1`; `F = z / p` (Croston 1972) | `t = t1+1..T` |
/// | `sba {alpha}` | as Croston, times `1 − α/2` (Syntetos & Boylan 2005) | `t = t1+1..T` |
///
/// Parameters: `window` 1..=3660, `alpha` and `beta` in (0, 1].
///
/// # Examples
///
/// ```
/// let m: omnistock::ForecastMethod = serde_json::from_str(r#"{"method": "croston", "alpha": 0.1}"#).unwrap();
/// let f = m.forecast(&[0, 0, 4, 0, 0, 0, 2])?;
/// // z = 4, p = 3 after day 3; day 7: z = 3.8, p = 3 + 0.1·(4 − 3) = 3.1
/// assert!((f.mean - 3.8 / 3.1).abs() < 1e-12);
/// # Ok::<(), omnistock::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum ForecastMethod {
    /// Mean of the last `window` days.
    MovingAverage {
        /// Days averaged.
        window: u32,
    },
    /// Simple exponential smoothing.
    Ses {
        /// Smoothing of the level.
        alpha: f64,
    },
    /// Holt's linear trend.
    Holt {
        /// Smoothing of the level.
        alpha: f64,
        /// Smoothing of the trend.
        beta: f64,
    },
    /// Croston's method for intermittent demand.
    Croston {
        /// Smoothing of demand sizes and intervals.
        alpha: f64,
    },
    /// Syntetos–Boylan approximation: Croston debiased by `1 − α/2`.
    Sba {
        /// Smoothing of demand sizes and intervals.
        alpha: f64,
    },
}

impl Default for ForecastMethod {
    /// A 28-day moving average.
    fn default() -> Self {
        ForecastMethod::MovingAverage { window: 28 }
    }
}

/// What a forecast says about the days ahead.
///
/// # Examples
///
/// ```
/// let f = omnistock::ForecastMethod::MovingAverage { window: 2 }.forecast(&[4, 2, 6])?;
/// assert_eq!(f.mean, 4.0); // (2 + 6) / 2
/// // one-step errors: 2 − 4 = −2 (F_2 = y_1), 6 − 3 = 3 (F_3 = (4 + 2) / 2)
/// assert_eq!(f.mad, 2.5);
/// assert_eq!(f.observations, 3);
/// # Ok::<(), omnistock::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Forecast {
    /// The method's name.
    pub method: String,
    /// Mean demand per day for the next day (for Holt, `max(0, L_T + b_T)`).
    pub mean: f64,
    /// Holt's level `L_T`; absent for the other methods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<f64>,
    /// Holt's trend per day `b_T`; absent for the other methods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trend: Option<f64>,
    /// Mean absolute one-step error.
    pub mad: f64,
    /// Root mean square one-step error: the σ of daily demand.
    pub rmse: f64,
    /// Days of history read.
    pub observations: u32,
}

impl Forecast {
    /// Demand forecast for day `k` ahead (`k = 1` is the first day after the history).
    pub fn day(&self, k: u32) -> f64 {
        match (self.level, self.trend) {
            (Some(l), Some(b)) => (l + f64::from(k) * b).max(0.0),
            _ => self.mean,
        }
    }
}

/// Longest history a forecast reads (ten years of days).
pub const MAX_HISTORY_DAYS: u32 = 3660;

fn policy_error(field: &str, message: String) -> Error {
    Error::new(ErrorCode::InvalidPolicy, message).at(field)
}

impl ForecastMethod {
    /// The method's name (`"ses"`, ...).
    pub fn name(&self) -> &'static str {
        match self {
            ForecastMethod::MovingAverage { .. } => "moving_average",
            ForecastMethod::Ses { .. } => "ses",
            ForecastMethod::Holt { .. } => "holt",
            ForecastMethod::Croston { .. } => "croston",
            ForecastMethod::Sba { .. } => "sba",
        }
    }

    /// Checks the parameters.
    ///
    /// # Errors
    ///
    /// `invalid_policy` naming the parameter (`alpha`, `beta`, `window`).
    pub fn validate(&self) -> Result<()> {
        let unit = |v: f64, f: &str| {
            if v.is_finite() && v > 0.0 && v <= 1.0 {
                Ok(())
            } else {
                Err(policy_error(f, format!("{f} must be in (0, 1], got {v}")))
            }
        };
        match *self {
            ForecastMethod::MovingAverage { window } => {
                if window == 0 || window > MAX_HISTORY_DAYS {
                    return Err(policy_error(
                        "window",
                        format!("window must be 1..={MAX_HISTORY_DAYS} days, got {window}"),
                    ));
                }
                Ok(())
            }
            ForecastMethod::Ses { alpha } | ForecastMethod::Croston { alpha } | ForecastMethod::Sba { alpha } => {
                unit(alpha, "alpha")
            }
            ForecastMethod::Holt { alpha, beta } => unit(alpha, "alpha").and(unit(beta, "beta")),
        }
    }

    /// Forecasts from a daily series, oldest day first.
    ///
    /// # Errors
    ///
    /// `invalid_policy` for bad parameters; `invalid_quantity` for a negative day or a day above
    /// 10^9 units; `invalid_history` for more than [`MAX_HISTORY_DAYS`] days.
    pub fn forecast(&self, demand: &[i64]) -> Result<Forecast> {
        self.validate()?;
        check_series(demand)?;
        let fc = self.run(demand.iter().map(|&v| v as f64), demand.len());
        Ok(Forecast {
            method: self.name().to_owned(),
            mean: fc.mean,
            level: fc.holt.map(|h| h.0),
            trend: fc.holt.map(|h| h.1),
            mad: fc.mad,
            rmse: fc.rmse,
            observations: fc.observations,
        })
    }

    /// The forecast of a checked series (values 0..=10^9, at most [`MAX_HISTORY_DAYS`]).
    pub(crate) fn run(&self, y: impl Iterator<Item = f64>, len: usize) -> Fc {
        let mut errs = Errors::default();
        let (mean, holt) = match *self {
            ForecastMethod::MovingAverage { window } => {
                let n = window as usize;
                let mut ring = vec![0.0; n.min(len.max(1))];
                let (mut sum, mut count, mut next) = (0.0f64, 0usize, 0usize);
                for v in y {
                    if count > 0 {
                        errs.push(v - sum / count as f64);
                    }
                    if count == ring.len() {
                        sum -= ring[next];
                    } else {
                        count += 1;
                    }
                    ring[next] = v;
                    sum += v;
                    next = (next + 1) % ring.len();
                }
                (if count == 0 { 0.0 } else { sum / count as f64 }, None)
            }
            ForecastMethod::Ses { alpha } => {
                let mut f: Option<f64> = None;
                for v in y {
                    f = Some(match f {
                        None => v,
                        Some(f) => {
                            errs.push(v - f);
                            alpha * v + (1.0 - alpha) * f
                        }
                    });
                }
                (f.unwrap_or(0.0), None)
            }
            ForecastMethod::Holt { alpha, beta } => {
                let mut it = y;
                match (it.next(), it.next()) {
                    (None, _) => (0.0, Some((0.0, 0.0))),
                    (Some(y1), None) => (y1, Some((y1, 0.0))),
                    (Some(y1), Some(y2)) => {
                        let (mut l, mut b) = (y2, y2 - y1);
                        for v in it {
                            errs.push(v - (l + b));
                            let l1 = alpha * v + (1.0 - alpha) * (l + b);
                            b = beta * (l1 - l) + (1.0 - beta) * b;
                            l = l1;
                        }
                        ((l + b).max(0.0), Some((l, b)))
                    }
                }
            }
            ForecastMethod::Croston { alpha } | ForecastMethod::Sba { alpha } => {
                let factor = if matches!(self, ForecastMethod::Sba { .. }) {
                    1.0 - alpha / 2.0
                } else {
                    1.0
                };
                // (z, p, periods since the last demand)
                let mut state: Option<(f64, f64, f64)> = None;
                let mut t = 0.0;
                for v in y {
                    t += 1.0;
                    state = match state {
                        None if v > 0.0 => Some((v, t, 0.0)),
                        None => None,
                        Some((z, p, since)) => {
                            errs.push(v - factor * z / p);
                            let q = since + 1.0;
                            if v > 0.0 {
                                Some((z + alpha * (v - z), p + alpha * (q - p), 0.0))
                            } else {
                                Some((z, p, q))
                            }
                        }
                    };
                }
                (state.map_or(0.0, |(z, p, _)| factor * z / p), None)
            }
        };
        Fc {
            mean,
            holt,
            mad: errs.mad(),
            rmse: errs.rmse(),
            observations: len as u32,
        }
    }
}

/// A forecast's numbers (what [`Forecast`] shows, without allocating).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Fc {
    pub mean: f64,
    /// Holt's level and trend.
    pub holt: Option<(f64, f64)>,
    pub mad: f64,
    pub rmse: f64,
    pub observations: u32,
}

impl Fc {
    /// Demand for day `k` ahead (`k = 1` is the first day after the history).
    pub(crate) fn day(&self, k: u32) -> f64 {
        match self.holt {
            Some((l, b)) => (l + f64::from(k) * b).max(0.0),
            None => self.mean,
        }
    }
}

/// Checks a daily series: at most [`MAX_HISTORY_DAYS`] days (`invalid_history`), each day
/// 0..=10^9 units (`invalid_quantity`, naming `demand[i]`).
pub(crate) fn check_series(demand: &[i64]) -> Result<()> {
    if demand.len() > MAX_HISTORY_DAYS as usize {
        return Err(Error::new(
            ErrorCode::InvalidHistory,
            format!("a series of more than {MAX_HISTORY_DAYS} days"),
        )
        .at("demand"));
    }
    if let Some((i, &v)) = demand
        .iter()
        .enumerate()
        .find(|&(_, &v)| !(0..=MAX_DAY_UNITS).contains(&v))
    {
        return Err(Error::new(
            ErrorCode::InvalidQuantity,
            format!("daily demand must be 0..={MAX_DAY_UNITS}, got {v}"),
        )
        .at(format!("demand[{i}]")));
    }
    Ok(())
}

/// Largest demand of one day a history may hold.
pub(crate) const MAX_DAY_UNITS: i64 = 1_000_000_000;

#[derive(Default)]
struct Errors {
    n: u32,
    abs: f64,
    sq: f64,
}

impl Errors {
    fn push(&mut self, e: f64) {
        self.n += 1;
        self.abs += e.abs();
        self.sq += e * e;
    }
    fn mad(&self) -> f64 {
        if self.n == 0 { 0.0 } else { self.abs / f64::from(self.n) }
    }
    fn rmse(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            (self.sq / f64::from(self.n)).sqrt()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(m: ForecastMethod, y: &[i64]) -> Forecast {
        m.forecast(y).unwrap()
    }

    #[test]
    fn moving_average_expands_then_slides() {
        let r = f(ForecastMethod::MovingAverage { window: 3 }, &[3, 6, 9, 0]);
        assert_eq!(r.mean, 5.0);
        // F_2 = 3, F_3 = 4.5, F_4 = 6: errors 3, 4.5, −6
        assert_eq!(r.mad, 4.5);
        assert!((r.rmse - ((9.0 + 20.25 + 36.0) / 3.0f64).sqrt()).abs() < 1e-12);
    }

    #[test]
    fn ses_worked() {
        let r = f(ForecastMethod::Ses { alpha: 0.5 }, &[10, 20, 10]);
        // F_2 = 10, F_3 = 15, F_4 = 12.5; errors 10, −5
        assert_eq!(r.mean, 12.5);
        assert_eq!(r.mad, 7.5);
    }

    #[test]
    fn holt_follows_a_line_exactly() {
        let r = f(ForecastMethod::Holt { alpha: 0.3, beta: 0.2 }, &[2, 4, 6, 8, 10]);
        assert!((r.mean - 12.0).abs() < 1e-12);
        assert_eq!(r.trend, Some(2.0));
        assert!(r.rmse < 1e-12);
        assert!((r.day(3) - 16.0).abs() < 1e-12);
    }

    #[test]
    fn croston_and_sba() {
        let y = [0, 0, 4, 0, 0, 0, 2];
        let c = f(ForecastMethod::Croston { alpha: 0.1 }, &y);
        let s = f(ForecastMethod::Sba { alpha: 0.1 }, &y);
        assert!((c.mean - 3.8 / 3.1).abs() < 1e-12);
        assert!((s.mean - 0.95 * 3.8 / 3.1).abs() < 1e-12);
        // errors from day 4: forecast 4/3 until day 7
        let e = [-4.0 / 3.0, -4.0 / 3.0, -4.0 / 3.0, 2.0 - 4.0 / 3.0];
        let mad = e.iter().map(|x: &f64| x.abs()).sum::<f64>() / 4.0;
        assert!((c.mad - mad).abs() < 1e-12);
        let none = f(ForecastMethod::Croston { alpha: 0.1 }, &[0, 0, 0]);
        assert_eq!((none.mean, none.mad, none.rmse), (0.0, 0.0, 0.0));
    }

    #[test]
    fn empty_and_single_day() {
        for m in [
            ForecastMethod::MovingAverage { window: 3 },
            ForecastMethod::Ses { alpha: 0.2 },
            ForecastMethod::Holt { alpha: 0.2, beta: 0.1 },
            ForecastMethod::Croston { alpha: 0.2 },
        ] {
            assert_eq!(f(m, &[]).mean, 0.0);
            let one = f(m, &[5]);
            assert_eq!((one.mean, one.mad), (5.0, 0.0), "{m:?}");
        }
    }

    #[test]
    fn bad_parameters_and_values_are_refused() {
        assert_eq!(
            ForecastMethod::Ses { alpha: 0.0 }.forecast(&[1]).unwrap_err().code(),
            ErrorCode::InvalidPolicy
        );
        assert_eq!(
            ForecastMethod::Holt {
                alpha: 0.5,
                beta: f64::NAN
            }
            .validate()
            .unwrap_err()
            .context()["field"],
            "beta"
        );
        assert_eq!(
            ForecastMethod::Ses { alpha: 0.5 }
                .forecast(&[1, -1])
                .unwrap_err()
                .context()["field"],
            "demand[1]"
        );
    }
}
