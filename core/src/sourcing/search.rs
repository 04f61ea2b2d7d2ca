//! The search: which locations ship which units of an order.
//!
//! A location used with `u` units costs `fixed + unit × u` (its shipping base, handling per
//! order, lateness and so on are in `fixed`; per-unit terms in `unit`), plus a split penalty
//! per shipment beyond the first. Plans compare by (units unallocated, cost, locations in id
//! order): the most units first, then the cheapest, then the first locations by id.
//!
//! For a set of locations, the best allocation is a min-cost max-flow (source → SKU, bounded
//! by the pool's ATP and quotas → line group → location, bounded by stock → sink, bounded by
//! the location's unit capacity). Sets are searched exactly for up to 5 line groups and 3
//! shipments:
//!
//! 1. *Dominance.* A location is dropped when `max_shipments + 1` others are at least as good
//!    in every respect (as much stock of every group, as much capacity, no higher fixed or
//!    unit cost, earlier in (fixed, unit, id) order): in any plan using it, one of them is
//!    unused and replacing it gives a plan no worse, so the optimum and the runner-up survive.
//! 2. *Bounds.* Sets are enumerated by increasing fixed cost. Once the runner-up fills as
//!    much as any set can, a set (and every superset) is skipped when its fixed costs plus
//!    split penalty plus a bound of its unit costs cannot beat it: one unit through each
//!    member, the rest of the fill at the cheapest unit costs anywhere. A set that cannot
//!    reach the runner-up's fill even with the best single locations added (max flow is
//!    subadditive) is not extended. Ties go to fewer shipments, then to locations by id.
//!
//! The runner-up is the best plan with another set of locations that the search evaluated
//! (the bounds skip only sets that can beat neither the winner nor the runner-up; a set whose
//! cheapest allocation leaves one of its locations without units counts as its smaller set).
//!
//! Bigger orders use a heuristic: greedy addition of the location that improves the plan
//! most, then exchanges of one location for another until none improves.

use std::cmp::Ordering;

/// A group of order units sharing a SKU and how locations see them (one line, or the lines
/// of one SKU and category).
#[derive(Clone, Debug)]
pub(crate) struct Group {
    /// Index into the problem's SKU bounds.
    pub sku: usize,
    /// Units wanted.
    pub need: i64,
}

/// A short list, inline up to two items: a candidate's values per SKU or per line group.
///
/// Almost every order has one or two SKUs, and a wave holds one candidate per (order,
/// location) pair, hundreds of thousands of them: kept inline, their lists cost no allocation.
pub(crate) type Few<T> = smallvec::SmallVec<[T; 2]>;

/// A candidate location.
#[derive(Clone, Debug)]
pub(crate) struct Cand {
    /// Cost of using it at all.
    pub fixed: i128,
    /// Cost per unit.
    pub unit: i128,
    /// Units it may ship in this order (capacity, exclusions).
    pub cap: i64,
    /// Units it holds of each SKU (clipped to the order's need of the SKU).
    pub avail: Few<i64>,
    /// Whether each group may come from it (exclusions by category or line).
    pub allowed: Few<bool>,
    /// A location the order already ships from (a reallocation): no new shipment.
    pub kept: bool,
}

/// One order's search problem.
#[derive(Clone, Debug)]
pub(crate) struct Problem {
    pub groups: Vec<Group>,
    /// Per SKU: the most units the pool and quotas allow.
    pub sku_bound: Vec<i64>,
    pub cands: Vec<Cand>,
    /// New shipments allowed.
    pub max_new: usize,
    /// Shipments the order already has (a reallocation).
    pub base_ships: usize,
    pub split_w: i128,
    /// Whether a group's units may come from several locations.
    pub split_lines: bool,
    /// Search exhaustively whatever the size (for measuring the heuristic's gap).
    pub force_exact: bool,
    /// Only the best plan is wanted: the bounds prune against it rather than the runner-up
    /// (the best is the same; the runner-up is then whatever the search happened to see).
    pub best_only: bool,
}

/// A set's allocation, (group, candidate, units) ascending, and the units it fills.
type Allocation = (Vec<(usize, usize, i64)>, i64);

/// A plan for the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Solution {
    /// Candidates used, ascending (each ships at least one unit).
    pub set: Vec<usize>,
    /// (group, candidate, units), units > 0.
    pub alloc: Vec<(usize, usize, i64)>,
    pub unfilled: i64,
    pub cost: i128,
}

impl Solution {
    fn cmp_key(&self, other: &Solution) -> Ordering {
        self.unfilled
            .cmp(&other.unfilled)
            .then(self.cost.cmp(&other.cost))
            .then(self.set.len().cmp(&other.set.len()))
            .then_with(|| self.set.cmp(&other.set))
    }
}

/// The outcome of a search.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    pub best: Option<Solution>,
    pub runner_up: Option<Solution>,
    pub exact: bool,
}

/// The largest problem solved exactly.
pub(crate) const EXACT_GROUPS: usize = 5;
pub(crate) const EXACT_SHIPMENTS: usize = 3;

impl Problem {
    fn total_need(&self) -> i64 {
        self.groups.iter().map(|g| g.need).fold(0i64, i64::saturating_add)
    }

    fn new_ships(&self, set: &[usize]) -> usize {
        set.iter().filter(|&&c| !self.cands[c].kept).count()
    }

    fn split_cost(&self, set: &[usize]) -> i128 {
        let ships = self.base_ships + self.new_ships(set);
        self.split_w.saturating_mul(ships.saturating_sub(1) as i128)
    }

    /// The best allocation over exactly the candidates of `set` (every one used), or `None`
    /// when one of them would ship nothing (a smaller set then does as well). Also returns
    /// the units filled, used or not.
    pub(crate) fn eval(&self, set: &[usize]) -> (Option<Solution>, i64) {
        if set.len() == 1 {
            return self.eval_single(set[0]);
        }
        if self.split_lines {
            let (alloc, filled) = self.flow(set, None);
            (self.finish(set, alloc, filled), filled)
        } else {
            self.eval_unsplit(set)
        }
    }

    fn eval_single(&self, c: usize) -> (Option<Solution>, i64) {
        let cand = &self.cands[c];
        let mut left_sku = self.sku_bound.clone();
        let mut left_here = cand.avail.clone();
        let mut cap = cand.cap;
        let mut alloc = Vec::new();
        let mut filled = 0i64;
        for (g, group) in self.groups.iter().enumerate() {
            if !cand.allowed[g] {
                continue;
            }
            let u = group
                .need
                .min(left_here[group.sku])
                .min(left_sku[group.sku])
                .min(cap)
                .max(0);
            if u > 0 {
                left_sku[group.sku] -= u;
                left_here[group.sku] -= u;
                cap -= u;
                filled += u;
                alloc.push((g, c, u));
            }
        }
        (self.finish(&[c], alloc, filled), filled)
    }

    fn finish(&self, set: &[usize], alloc: Vec<(usize, usize, i64)>, filled: i64) -> Option<Solution> {
        if set.iter().any(|&c| !alloc.iter().any(|a| a.1 == c)) {
            return None;
        }
        let mut cost = self.split_cost(set);
        for &c in set {
            cost = cost.saturating_add(self.cands[c].fixed);
        }
        for &(_, c, u) in &alloc {
            cost = cost.saturating_add(self.cands[c].unit.saturating_mul(u as i128));
        }
        Some(Solution {
            set: set.to_vec(),
            alloc,
            unfilled: self.total_need() - filled,
            cost,
        })
    }

    /// Without line splits: each group goes whole to one member of the set (every assignment
    /// when there are at most 4,096, else each group in turn to the member that fills the
    /// most of it at the lowest unit cost).
    fn eval_unsplit(&self, set: &[usize]) -> (Option<Solution>, i64) {
        let n = self.groups.len();
        let assignments = (set.len() as u64).checked_pow(n as u32).unwrap_or(u64::MAX);
        if assignments > 4096 {
            let mut choice = vec![0usize; n];
            let mut left: Vec<i64> = set.iter().map(|&c| self.cands[c].cap).collect();
            let mut stock: Vec<Few<i64>> = set.iter().map(|&c| self.cands[c].avail.clone()).collect();
            for (g, group) in self.groups.iter().enumerate() {
                let mut best: Option<(i64, i128, usize)> = None;
                for (k, &c) in set.iter().enumerate() {
                    if !self.cands[c].allowed[g] {
                        continue;
                    }
                    let fill = group.need.min(stock[k][group.sku]).min(left[k]).max(0);
                    let key = (fill, -self.cands[c].unit, k);
                    if best.is_none_or(|b| (key.0, key.1) > (b.0, b.1)) {
                        best = Some(key);
                    }
                }
                if let Some((fill, _, k)) = best {
                    choice[g] = k;
                    left[k] -= fill;
                    stock[k][group.sku] -= fill;
                }
            }
            let (alloc, filled) = self.flow(set, Some(&choice));
            return (self.finish(set, alloc, filled), filled);
        }
        let mut choice = vec![0usize; n];
        let mut best: Option<Solution> = None;
        let mut best_fill = 0i64;
        loop {
            let (alloc, filled) = self.flow(set, Some(&choice));
            best_fill = best_fill.max(filled);
            if let Some(sol) = self.finish(set, alloc, filled) {
                if best.as_ref().is_none_or(|b| sol.cmp_key(b) == Ordering::Less) {
                    best = Some(sol);
                }
            }
            // Next assignment (odometer).
            let mut i = 0;
            loop {
                if i == n {
                    return (best, best_fill);
                }
                choice[i] += 1;
                if choice[i] < set.len() {
                    break;
                }
                choice[i] = 0;
                i += 1;
            }
        }
    }

    /// Min-cost max-flow over the set; with `only`, group `g` may use only `set[only[g]]`.
    fn flow(&self, set: &[usize], only: Option<&[usize]>) -> Allocation {
        if let Some(done) = self.flow_apart(set, only) {
            return done;
        }
        self.flow_graph(set, only)
    }

    /// The same flow when the groups cannot interact: no two groups share a SKU, and no
    /// member's capacity binds. Each group then takes its units from the members by unit cost
    /// (ties: the earlier member), up to its need, the pool's bound and each member's stock,
    /// which is a min-cost max-flow of the same graph: the same units and cost as
    /// [`Problem::flow_graph`] (where members of equal unit cost could split a group
    /// differently, the earlier member is filled first; every golden vector came out the same
    /// with either). `None` when the groups interact (the general flow is needed).
    fn flow_apart(&self, set: &[usize], only: Option<&[usize]>) -> Option<Allocation> {
        let ng = self.groups.len();
        for a in 0..ng {
            for b in a + 1..ng {
                if self.groups[a].sku == self.groups[b].sku {
                    return None;
                }
            }
        }
        let mut used: Few<i64> = Few::from_elem(0, set.len());
        let mut alloc = Vec::new();
        let mut filled = 0i64;
        let mut order: Few<usize> = Few::new();
        for (g, group) in self.groups.iter().enumerate() {
            let mut left = group.need.min(self.sku_bound[group.sku].max(0));
            order.clear();
            order.extend((0..set.len()).filter(|&k| {
                let cand = &self.cands[set[k]];
                only.is_none_or(|o| o[g] == k) && cand.allowed[g] && cand.avail[group.sku] > 0
            }));
            order.sort_by_key(|&k| (self.cands[set[k]].unit, k));
            for &k in &order {
                if left == 0 {
                    break;
                }
                let u = left.min(self.cands[set[k]].avail[group.sku]);
                left -= u;
                used[k] += u;
                filled += u;
                alloc.push((g, set[k], u));
            }
        }
        if (0..set.len()).any(|k| used[k] > self.cands[set[k]].cap.max(0)) {
            return None;
        }
        alloc.sort_unstable();
        Some((alloc, filled))
    }

    /// Min-cost max-flow over the set by successive shortest paths on the whole graph.
    fn flow_graph(&self, set: &[usize], only: Option<&[usize]>) -> Allocation {
        let ns = self.sku_bound.len();
        let ng = self.groups.len();
        let nc = set.len();
        let src = 0;
        let sku0 = 1;
        let g0 = sku0 + ns;
        let sc0 = g0 + ng;
        let c0 = sc0 + ns * nc;
        let sink = c0 + nc;
        let mut f = Flow::new(sink + 1);
        for (s, &b) in self.sku_bound.iter().enumerate() {
            f.edge(src, sku0 + s, b.max(0), 0);
        }
        let mut group_edges = Vec::new();
        for (g, group) in self.groups.iter().enumerate() {
            f.edge(sku0 + group.sku, g0 + g, group.need, 0);
            for (k, &c) in set.iter().enumerate() {
                if only.is_some_and(|o| o[g] != k) {
                    continue;
                }
                let cand = &self.cands[c];
                if cand.allowed[g] && cand.avail[group.sku] > 0 {
                    let e = f.edge(g0 + g, sc0 + group.sku * nc + k, group.need, cand.unit);
                    group_edges.push((g, c, e));
                }
            }
        }
        for (k, &c) in set.iter().enumerate() {
            for s in 0..ns {
                let a = self.cands[c].avail[s];
                if a > 0 {
                    f.edge(sc0 + s * nc + k, c0 + k, a, 0);
                }
            }
            f.edge(c0 + k, sink, self.cands[c].cap.max(0), 0);
        }
        let filled = f.run(src, sink);
        let mut alloc: Vec<(usize, usize, i64)> = group_edges
            .into_iter()
            .filter_map(|(g, c, e)| {
                let u = f.flow_on(e);
                (u > 0).then_some((g, c, u))
            })
            .collect();
        alloc.sort_unstable();
        (alloc, filled)
    }

    /// Units no plan can fill, whatever its number of shipments and with lines split: the
    /// min-cost max-flow over every candidate.
    pub(crate) fn min_unfilled(&self) -> i64 {
        let all: Vec<usize> = (0..self.cands.len()).collect();
        self.total_need() - self.flow(&all, None).1
    }

    /// Candidates worth searching: those fewer than `max_new + 1` others dominate.
    fn survivors(&self) -> Vec<usize> {
        let k = self.max_new + 1;
        let total = self.total_need();
        let cap = |c: &Cand| c.cap.min(total);
        // Whether `a`'s profile (stock per SKU, groups allowed, capacity) covers `b`'s.
        let covers = |a: &Cand, b: &Cand| {
            cap(a) >= cap(b)
                && a.avail.iter().zip(b.avail.iter()).all(|(x, y)| x >= y)
                && a.allowed.iter().zip(b.allowed.iter()).all(|(x, y)| *x || !*y)
        };
        let same = |a: &Cand, b: &Cand| cap(a) == cap(b) && a.avail == b.avail && a.allowed == b.allowed;
        let mut order: Vec<usize> = (0..self.cands.len()).collect();
        order.sort_unstable_by(|&a, &b| {
            let (x, y) = (&self.cands[a], &self.cands[b]);
            x.fixed.cmp(&y.fixed).then(x.unit.cmp(&y.unit)).then(a.cmp(&b))
        });
        // Per distinct profile (a candidate having it): the smallest unit costs of its
        // survivors so far (at most k).
        let mut seen: Vec<(usize, Vec<i128>)> = Vec::new();
        let mut keep = Vec::new();
        for c in order {
            let cand = &self.cands[c];
            if cand.kept {
                keep.push(c);
                continue;
            }
            let mut count = 0usize;
            for (q, units) in &seen {
                if covers(&self.cands[*q], cand) {
                    count += units.iter().filter(|&&u| u <= cand.unit).count();
                    if count >= k {
                        break;
                    }
                }
            }
            if count >= k {
                continue;
            }
            keep.push(c);
            match seen.iter_mut().find(|(q, _)| same(&self.cands[*q], cand)) {
                Some((_, units)) => {
                    units.push(cand.unit);
                    units.sort_unstable();
                    units.truncate(k);
                }
                None => seen.push((c, vec![cand.unit])),
            }
        }
        keep
    }

    /// Whether [`Problem::solve`] searches exhaustively (else heuristically).
    pub(crate) fn searched_exactly(&self) -> bool {
        self.force_exact || (self.groups.len() <= EXACT_GROUPS && self.max_new <= EXACT_SHIPMENTS)
    }

    /// Whether the cost is linear in the units: no fixed cost at any candidate and no split
    /// penalty (a min-cost flow then finds the best plan, and a wave's flow the best wave).
    pub(crate) fn linear(&self) -> bool {
        self.split_w == 0 && self.cands.iter().all(|c| c.fixed == 0)
    }

    /// Searches the problem.
    pub(crate) fn solve(&self) -> Outcome {
        let mut out = Outcome {
            exact: self.searched_exactly(),
            ..Outcome::default()
        };
        let any_kept = self.cands.iter().any(|c| c.kept);
        if (self.max_new == 0 && !any_kept) || self.cands.is_empty() {
            return out;
        }
        let mut r = self.survivors();
        // Kept locations first (no fixed cost), then by fixed cost, unit cost, index.
        r.sort_by(|&a, &b| {
            let (x, y) = (&self.cands[a], &self.cands[b]);
            (!x.kept, x.fixed, x.unit, a).cmp(&(!y.kept, y.fixed, y.unit, b))
        });
        let mut single_fill = vec![0i64; self.cands.len()];
        for &c in &r {
            let (sol, filled) = self.eval(&[c]);
            single_fill[c] = filled;
            if let Some(sol) = sol {
                if self.limit_ok(&sol.set) {
                    offer(&mut out, sol);
                }
            }
        }
        if self.max_new <= 1 && !any_kept {
            return out;
        }
        let total = self.total_need();
        let mut all = r.clone();
        all.sort_unstable();
        // Split flow over every survivor: the most any set can fill (a relaxation without
        // line splits too).
        let (_, all_fill) = self.flow(&all, None);
        let mut top_fills: Vec<i64> = r.iter().map(|&c| single_fill[c]).collect();
        top_fills.sort_unstable_by(|a, b| b.cmp(a));
        let mut by_unit = r.clone();
        by_unit.sort_by(|&a, &b| (self.cands[a].unit, a).cmp(&(self.cands[b].unit, b)));
        let tot: Vec<i64> = self
            .cands
            .iter()
            .map(|c| c.cap.min(c.avail.iter().fold(0i64, |a, &x| a.saturating_add(x))))
            .collect();
        let bounds = Bounds {
            u_lb: total - all_fill,
            fill_max: all_fill,
            top_fills,
            by_unit,
            tot,
        };
        if out.exact {
            let mut set = Vec::new();
            self.dfs(&r, 0, &mut set, 0, &bounds, &mut out);
        } else {
            self.heuristic(&r, &mut out);
        }
        out
    }

    /// The plan the bounds must beat: the runner-up, or the best with [`Problem::best_only`].
    fn target<'a>(&self, out: &'a Outcome) -> Option<&'a Solution> {
        if self.best_only {
            out.best.as_ref()
        } else {
            out.runner_up.as_ref()
        }
    }

    fn limit_ok(&self, set: &[usize]) -> bool {
        self.new_ships(set) <= self.max_new
    }

    /// A lower bound of the unit costs of any plan over a superset of `set` that fills
    /// `fill_max` units: one unit through each member, the rest at the cheapest unit costs
    /// (SKUs ignored). `None` if no such plan exists.
    fn unit_bound(&self, set: &[usize], b: &Bounds) -> Option<i128> {
        let mut need = b.fill_max - set.len() as i64;
        if need < 0 {
            return None;
        }
        let mut cost: i128 = 0;
        for &c in set {
            cost = cost.saturating_add(self.cands[c].unit);
        }
        for &c in &b.by_unit {
            if need == 0 {
                break;
            }
            let room = b.tot[c] - i64::from(set.contains(&c));
            let take = room.min(need).max(0);
            cost = cost.saturating_add(self.cands[c].unit.saturating_mul(take as i128));
            need -= take;
        }
        (need == 0).then_some(cost)
    }

    /// Whether a plan over a superset of `set` with `fixed` fixed costs could beat the best
    /// (which fills as much as any set can): its bound must be lower, or equal with no more
    /// shipments (ties go to fewer shipments).
    fn could_beat(&self, set: &[usize], fixed: i128, b: &Bounds, out: &Outcome, units: bool) -> bool {
        // Against the runner-up, so that it is exact too (unless only the best is wanted).
        let Some(best) = self.target(out) else {
            return true;
        };
        if best.unfilled != b.u_lb {
            return true;
        }
        let unit = if units { self.unit_bound(set, b) } else { Some(0) };
        let Some(unit) = unit else { return false };
        let lb = fixed.saturating_add(self.split_cost(set)).saturating_add(unit);
        lb < best.cost || (lb == best.cost && set.len() <= best.set.len())
    }

    #[allow(clippy::too_many_arguments)]
    fn dfs(&self, r: &[usize], start: usize, set: &mut Vec<usize>, fixed: i128, b: &Bounds, out: &mut Outcome) {
        for j in start..r.len() {
            let c = r[j];
            set.push(c);
            if !self.limit_ok(set) {
                set.pop();
                continue;
            }
            let fixed_j = fixed.saturating_add(self.cands[c].fixed);
            // Later candidates have no lower fixed cost: once the fixed costs alone cannot
            // beat the best, no later one can (kept ones come first and cost nothing).
            if !self.cands[c].kept && !self.could_beat(set, fixed_j, b, out, false) {
                set.pop();
                break;
            }
            if !self.could_beat(set, fixed_j, b, out, true) {
                set.pop();
                continue;
            }
            let filled = if set.len() >= 2 {
                let mut sorted = set.clone();
                sorted.sort_unstable();
                let (sol, filled) = self.eval(&sorted);
                if let Some(sol) = sol {
                    offer(out, sol);
                }
                filled
            } else {
                self.eval_single(c).1
            };
            // Extend while a new shipment is allowed, or kept locations (no new shipment)
            // remain to be added.
            let more = self.new_ships(set) < self.max_new || r[j + 1..].iter().any(|&n| self.cands[n].kept);
            if more && self.worth_extending(set, filled, b, out) {
                self.dfs(r, j + 1, set, fixed_j, b, out);
            }
            set.pop();
        }
    }

    /// Whether adding up to the remaining shipments to a set filling `filled` could reach
    /// the best's fill (max flow is subadditive: each addition fills at most what it fills
    /// alone).
    fn worth_extending(&self, set: &[usize], filled: i64, b: &Bounds, out: &Outcome) -> bool {
        let Some(best) = self.target(out) else {
            return true;
        };
        let slots = self.max_new.saturating_sub(self.new_ships(set)) + self.cands.iter().filter(|c| c.kept).count();
        let add: i64 = b.top_fills.iter().take(slots).fold(0i64, |a, &x| a.saturating_add(x));
        let reach = filled.saturating_add(add).min(b.fill_max);
        self.total_need() - reach <= best.unfilled
    }

    fn heuristic(&self, r: &[usize], out: &mut Outcome) {
        let mut set: Vec<usize> = Vec::new();
        let mut current: Option<Solution> = None;
        let better = |a: &Solution, b: &Option<Solution>| b.as_ref().is_none_or(|b| a.cmp_key(b) == Ordering::Less);
        // Greedy additions.
        loop {
            let mut step: Option<Solution> = None;
            for &c in r {
                if set.contains(&c) {
                    continue;
                }
                let mut t = set.clone();
                t.push(c);
                t.sort_unstable();
                if !self.limit_ok(&t) {
                    continue;
                }
                if let (Some(sol), _) = self.eval(&t) {
                    if better(&sol, &step) {
                        step = Some(sol.clone());
                    }
                    offer(out, sol);
                }
            }
            match step {
                Some(s) if better(&s, &current) => {
                    set = s.set.clone();
                    current = Some(s);
                }
                _ => break,
            }
        }
        // Exchanges.
        for _ in 0..64 {
            let mut improved = false;
            'outer: for i in 0..set.len() {
                for &c in r {
                    if set.contains(&c) {
                        continue;
                    }
                    let mut t = set.clone();
                    t[i] = c;
                    t.sort_unstable();
                    if !self.limit_ok(&t) {
                        continue;
                    }
                    if let (Some(sol), _) = self.eval(&t) {
                        offer(out, sol.clone());
                        if better(&sol, &current) {
                            set = sol.set.clone();
                            current = Some(sol);
                            improved = true;
                            break 'outer;
                        }
                    }
                }
            }
            if !improved {
                break;
            }
        }
    }
}

struct Bounds {
    /// Fewest units any set can leave unallocated.
    u_lb: i64,
    /// Most units any set can fill.
    fill_max: i64,
    /// Single locations' fills, descending.
    top_fills: Vec<i64>,
    /// Survivors by unit cost.
    by_unit: Vec<usize>,
    /// Units each candidate could ship at most (stock and capacity).
    tot: Vec<i64>,
}

/// Keeps the best and the runner-up (with a different set of locations).
fn offer(out: &mut Outcome, sol: Solution) {
    match &out.best {
        None => out.best = Some(sol),
        Some(b) if b.set == sol.set => {}
        Some(b) => {
            if sol.cmp_key(b) == Ordering::Less {
                out.runner_up = out.best.take();
                out.best = Some(sol);
            } else if out.runner_up.as_ref().is_none_or(|r| sol.cmp_key(r) == Ordering::Less) {
                out.runner_up = Some(sol);
            }
        }
    }
}

/// A tiny min-cost max-flow (successive shortest paths with Bellman-Ford): the graphs have
/// a dozen nodes.
struct Flow {
    n: usize,
    to: Vec<usize>,
    cap: Vec<i64>,
    cost: Vec<i128>,
    head: Vec<Vec<usize>>,
}

impl Flow {
    fn new(n: usize) -> Flow {
        let m = 4 * n;
        Flow {
            n,
            to: Vec::with_capacity(m),
            cap: Vec::with_capacity(m),
            cost: Vec::with_capacity(m),
            head: vec![Vec::with_capacity(4); n],
        }
    }

    fn edge(&mut self, a: usize, b: usize, cap: i64, cost: i128) -> usize {
        let e = self.to.len();
        self.to.push(b);
        self.cap.push(cap);
        self.cost.push(cost);
        self.head[a].push(e);
        self.to.push(a);
        self.cap.push(0);
        self.cost.push(-cost);
        self.head[b].push(e + 1);
        e
    }

    fn flow_on(&self, e: usize) -> i64 {
        self.cap[e + 1]
    }

    fn run(&mut self, s: usize, t: usize) -> i64 {
        let mut total = 0i64;
        loop {
            let mut dist = vec![i128::MAX; self.n];
            let mut prev = vec![usize::MAX; self.n];
            dist[s] = 0;
            // Bellman-Ford (costs of residual edges may be negative).
            for _ in 0..self.n {
                let mut changed = false;
                for u in 0..self.n {
                    if dist[u] == i128::MAX {
                        continue;
                    }
                    for &e in &self.head[u] {
                        if self.cap[e] > 0 {
                            let v = self.to[e];
                            let d = dist[u].saturating_add(self.cost[e]);
                            if d < dist[v] {
                                dist[v] = d;
                                prev[v] = e;
                                changed = true;
                            }
                        }
                    }
                }
                if !changed {
                    break;
                }
            }
            if dist[t] == i128::MAX {
                return total;
            }
            let mut push = i64::MAX;
            let mut v = t;
            while v != s {
                let e = prev[v];
                push = push.min(self.cap[e]);
                v = self.to[e ^ 1];
            }
            let mut v = t;
            while v != s {
                let e = prev[v];
                self.cap[e] -= push;
                self.cap[e ^ 1] += push;
                v = self.to[e ^ 1];
            }
            total = total.saturating_add(push);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(fixed: i128, unit: i128, avail: Vec<i64>) -> Cand {
        Cand {
            fixed,
            unit,
            cap: i64::MAX,
            allowed: Few::from_elem(true, avail.len()),
            avail: Few::from_slice(&avail),
            kept: false,
        }
    }

    /// A problem without split penalty or kept shipments, lines splittable, searched as usual.
    fn problem(groups: Vec<Group>, sku_bound: Vec<i64>, cands: Vec<Cand>, max_new: usize) -> Problem {
        Problem {
            groups,
            sku_bound,
            cands,
            max_new,
            base_ships: 0,
            split_w: 0,
            split_lines: true,
            force_exact: false,
            best_only: false,
        }
    }

    #[test]
    fn one_location_that_has_everything_beats_a_split() {
        let p = problem(
            vec![Group { sku: 0, need: 2 }, Group { sku: 1, need: 1 }],
            vec![10, 10],
            vec![cand(5, 1, vec![2, 0]), cand(5, 1, vec![0, 1]), cand(8, 1, vec![2, 1])],
            3,
        );
        let out = p.solve();
        let best = out.best.unwrap();
        assert_eq!((best.set.clone(), best.unfilled, best.cost), (vec![2], 0, 11));
        // The runner-up: the pair {0, 1} (cost 13), which fills everything, not location 0
        // alone (cheaper, 1 unit short).
        let ru = out.runner_up.unwrap();
        assert_eq!((ru.set, ru.unfilled, ru.cost), (vec![0, 1], 0, 13));
    }

    #[test]
    fn capacity_reroutes_units() {
        // Group 0 can go to either; group 1 only to location 0, whose capacity is 1.
        let mut a = cand(0, 1, vec![1, 1]);
        a.cap = 1;
        let p = problem(
            vec![Group { sku: 0, need: 1 }, Group { sku: 1, need: 1 }],
            vec![5, 5],
            vec![a, cand(0, 1, vec![1, 0])],
            2,
        );
        let best = p.solve().best.unwrap();
        assert_eq!(best.unfilled, 0);
        assert_eq!(best.alloc, vec![(0, 1, 1), (1, 0, 1)]);
    }

    /// Whenever the shortcut applies, it fills the same units at the same cost as the general
    /// flow (random small problems: 1–3 groups of distinct SKUs, 1–4 members, capacities that
    /// sometimes bind, pool bounds, exclusions, `only` assignments).
    #[test]
    fn flow_apart_matches_the_general_flow() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut below = |n: u64| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (x >> 33) % n
        };
        let mut applied = 0;
        for _ in 0..4000 {
            let ng = 1 + below(3) as usize;
            let nc = 1 + below(4) as usize;
            let cands: Vec<Cand> = (0..nc)
                .map(|_| {
                    let mut c = cand(
                        below(5) as i128,
                        below(4) as i128,
                        (0..ng).map(|_| below(4) as i64).collect(),
                    );
                    c.cap = if below(3) == 0 { below(6) as i64 } else { i64::MAX };
                    c.allowed = (0..ng).map(|_| below(5) > 0).collect();
                    c
                })
                .collect();
            let p = problem(
                (0..ng)
                    .map(|g| Group {
                        sku: g,
                        need: 1 + below(4) as i64,
                    })
                    .collect(),
                (0..ng).map(|_| below(6) as i64).collect(),
                cands,
                3,
            );
            let set: Vec<usize> = (0..nc).collect();
            let only: Vec<usize> = (0..ng).map(|_| below(nc as u64) as usize).collect();
            for only in [None, Some(&only[..])] {
                let Some((alloc, filled)) = p.flow_apart(&set, only) else {
                    continue;
                };
                applied += 1;
                let (general, general_filled) = p.flow_graph(&set, only);
                let cost =
                    |a: &[(usize, usize, i64)]| a.iter().map(|&(_, c, u)| p.cands[c].unit * u as i128).sum::<i128>();
                assert_eq!(
                    (filled, cost(&alloc)),
                    (general_filled, cost(&general)),
                    "{p:?} only {only:?}"
                );
            }
        }
        assert!(applied > 2000, "the shortcut applied only {applied} times");
    }
}
