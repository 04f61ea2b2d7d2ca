//! Min-cost flow by the primal network simplex, in exact integer arithmetic.
//!
//! [`MinCostFlow`] takes a directed graph whose arcs have a capacity (lower bound 0) and a cost
//! per unit, and node supplies that sum to zero; it finds flows that meet every supply at the
//! least total cost, or reports [`FlowStatus::Infeasible`].
//!
//! ```
//! use omnistock::flow::{FlowStatus, MinCostFlow};
//!
//! // Two warehouses (nodes 0, 1) supply 10 and 5 units; two stores (nodes 2, 3) need 8 and 7.
//! let mut mcf = MinCostFlow::new(4);
//! let a02 = mcf.add_arc(0, 2, i64::MAX, 1);
//! let a03 = mcf.add_arc(0, 3, i64::MAX, 4);
//! let a12 = mcf.add_arc(1, 2, i64::MAX, 2);
//! let a13 = mcf.add_arc(1, 3, i64::MAX, 3);
//! for (node, supply) in [(0, 10), (1, 5), (2, -8), (3, -7)] {
//!     mcf.set_supply(node, supply);
//! }
//! assert_eq!(mcf.solve(), FlowStatus::Optimal);
//! assert_eq!(mcf.total_cost(), 31); // 8 × 1 + 2 × 4 + 5 × 3
//! assert_eq!([a02, a03, a12, a13].map(|a| mcf.flow(a)), [8, 2, 0, 5]);
//! ```
//!
//! ## Method
//!
//! A basic solution of a network flow problem is a *spanning tree*: the arcs outside the tree
//! sit at one of their bounds (flow 0 or flow = capacity), and the flows on the tree arcs are
//! then fixed by the supplies. Every node gets a *potential* π such that every tree arc has a
//! reduced cost `cost + π[from] − π[to]` of zero. A non-tree arc at flow 0 with a negative
//! reduced cost (or at capacity with a positive one) can improve the solution: it *enters* the
//! tree, flow is pushed around the one cycle it closes until an arc on the cycle hits a bound,
//! and that arc *leaves*. When no arc is left to enter, the potentials certify optimality.
//!
//! * **Start.** An artificial root node joins every node by an artificial arc carrying the
//!   node's supply (towards the root for a supply ≥ 0, away from it otherwise) at the cost
//!   `M = max|cost| × (nodes + 1) + 1`. Any cycle that removes flow from two artificial arcs
//!   saves `2M`, more than any simple path of real arcs can cost, so the optimum uses no
//!   artificial flow whenever the real graph can meet the supplies ("big M"). If artificial
//!   flow remains at the optimum, the problem is infeasible.
//! * **Entering arc: block search.** Arcs are priced in a fixed cyclic order, starting where
//!   the previous search stopped, in blocks of `max(√arcs, 10)` arcs. The most violating arc of
//!   the first block that has any violation enters (the first one scanned on ties).
//! * **Two phases.** A dense graph (over 32 arcs per node) is first solved over a few
//!   promising arcs only: every node's 8 cheapest leaving and 8 cheapest entering arcs of
//!   positive capacity (ties by arc index), in arc order, if those are at most half of all
//!   arcs (the block size is then that of the subset). That phase ends when no arc of the
//!   subset violates optimality; the tree it leaves is a strongly feasible basis of the whole
//!   problem, and the second phase goes on from it pricing every real arc, from the first.
//!   Only a scan of every arc without a violation ends the solve, so the flows are optimal all
//!   the same (where several flows are optimal, which one comes out depends on the pivots);
//!   the first phase spares most pivots the scan of arcs that seldom enter (on the peers'
//!   2,000 × 200 transportation problem, counted once when it was written: 134,000 pivots
//!   down to 18,000).
//! * **Leaving arc: strongly feasible trees.** The tree is kept *strongly feasible*
//!   (Cunningham): every node can send a positive amount of flow to the root along its tree
//!   path. The leaving arc is the *last* blocking arc met when walking the cycle in the
//!   direction of the flow change, starting at the apex (the common ancestor of the entering
//!   arc's ends). This keeps the tree strongly feasible and rules out cycling on degenerate
//!   pivots, so the method always terminates. (The same rule is often stated in its mirror
//!   image: flow from the root to every node, and the *first* blocking arc from the apex.)
//! * **Tree storage.** The tree is stored as arrays: for every node its parent, the tree arc to
//!   the parent and that arc's direction, the next and previous node of a preorder walk
//!   (`thread`, `rev_thread`), its subtree's size and its subtree's last node in the walk. A
//!   pivot moves one subtree: the preorder is spliced in a number of steps proportional to the
//!   length of the reversed tree path, and only the moved subtree's potentials change.
//!
//! Everything is deterministic: no hashing, randomness or clock; the same arcs added in the
//! same order always give the same flows.
//!
//! ## Potentials
//!
//! [`MinCostFlow::potential`] gives node prices π with the *reduced cost* of an arc `u → v`
//! defined as `cost + π[u] − π[v]`. At an optimum, an arc with `flow < capacity` has a reduced
//! cost ≥ 0, and an arc with `flow > 0` has a reduced cost ≤ 0 (so an arc strictly between its
//! bounds has a reduced cost of exactly 0). Read `π[v] − π[u]` as the marginal cost of moving
//! one more unit from `u` to `v`; the values themselves carry an offset (the potentials are
//! relative to the artificial root, whose arcs cost the big M), so only differences between
//! nodes joined by real arcs mean anything.
//!
//! ## Limits
//!
//! * Capacities are in `0..=i64::MAX`; `i64::MAX` serves as "unbounded" and is a real,
//!   finite capacity: a cycle of negative total cost made of such arcs carries `i64::MAX`.
//! * `|cost| ≤ 2^50` ([`MAX_ABS_COST`]) and `max|cost| × (nodes + 1) ≤ 2^60`
//!   ([`MAX_COST_SCALE`]), which keeps every potential and reduced cost inside `i64` (for
//!   example costs up to 2^40 with a million nodes, or up to 2^41 with 500,000).
//! * The positive supplies sum to at most 2^62 ([`MAX_TOTAL_SUPPLY`]).
//! * Arcs + nodes < 2^32 − 1 (indices are stored as `u32` to keep the arrays small).
//! * Flows never overflow: every flow stays in `0..=capacity`.
//!
//! Within these limits nothing panics; the graph is built by the caller, so an out-of-range
//! node or arc index, a negative capacity, or a solve beyond the limits panics.

/// The largest absolute arc cost allowed (2^50).
pub const MAX_ABS_COST: i64 = 1 << 50;

/// The largest value allowed for `max|cost| × (nodes + 1)` when solving (2^60).
pub const MAX_COST_SCALE: i128 = 1 << 60;

/// The largest sum of the positive supplies allowed when solving (2^62).
pub const MAX_TOTAL_SUPPLY: i64 = 1 << 62;

/// Arc states: a non-tree arc at its upper bound, a tree arc, a non-tree arc at 0. For a
/// non-tree arc, `state × reduced cost < 0` means the arc can improve the solution.
const UPPER: i8 = -1;
const TREE: i8 = 0;
const LOWER: i8 = 1;

/// "No node": the parent of the root.
const NONE: u32 = u32::MAX;

/// The smallest block of arcs priced at once.
const MIN_BLOCK: usize = 10;

/// The first phase prices each node's this many cheapest leaving and entering arcs.
const FIRST_PHASE_ARCS: usize = 8;

/// The outcome of [`MinCostFlow::solve`].
///
/// # Examples
///
/// ```
/// use omnistock::flow::{FlowStatus, MinCostFlow};
///
/// let mut mcf = MinCostFlow::new(2);
/// mcf.set_supply(0, 1);
/// mcf.set_supply(1, -1);
/// assert_eq!(mcf.solve(), FlowStatus::Infeasible); // no arc from 0 to 1
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowStatus {
    /// The flows meet every supply at the least total cost.
    Optimal,
    /// No flow meets the supplies: they do not sum to zero, or the arcs cannot carry them.
    Infeasible,
}

/// A min-cost flow problem solved by the primal network simplex.
///
/// Nodes are `0..nodes`; arcs are numbered in the order they are added. See the
/// [module documentation](self) for the method, the sign convention of the potentials and the
/// limits.
///
/// # Examples
///
/// ```
/// use omnistock::flow::{FlowStatus, MinCostFlow};
///
/// // 0 → 1 → 2 costs 2, the direct arc 0 → 2 costs 3 but carries only 4 units.
/// let mut mcf = MinCostFlow::with_capacity(3, 3);
/// let direct = mcf.add_arc(0, 2, 4, 3);
/// let first = mcf.add_arc(0, 1, i64::MAX, 1);
/// let second = mcf.add_arc(1, 2, i64::MAX, 1);
/// mcf.set_supply(0, 10);
/// mcf.set_supply(2, -10);
/// assert_eq!(mcf.solve(), FlowStatus::Optimal);
/// assert_eq!(mcf.flows(), &[0, 10, 10]);
/// assert_eq!((mcf.flow(direct), mcf.flow(first), mcf.flow(second)), (0, 10, 10));
/// assert_eq!(mcf.total_cost(), 20);
/// ```
#[derive(Clone, Debug)]
pub struct MinCostFlow {
    nodes: usize,
    /// Real arcs; during a solve the artificial arcs follow them (arc `arcs + u` joins node
    /// `u` to the root).
    arcs: usize,
    source: Vec<u32>,
    target: Vec<u32>,
    cap: Vec<i64>,
    cost: Vec<i64>,
    flow: Vec<i64>,
    state: Vec<i8>,
    supply: Vec<i64>,
    /// Tree: per node (the root is node `nodes`).
    parent: Vec<u32>,
    pred: Vec<u32>,
    /// Whether the tree arc to the parent points towards the root (node → parent).
    up: Vec<bool>,
    thread: Vec<u32>,
    rev_thread: Vec<u32>,
    succ_num: Vec<u32>,
    last_succ: Vec<u32>,
    pot: Vec<i64>,
    /// Block search: block size and where the next search starts.
    block: usize,
    next_arc: usize,
    /// Scratch for a pivot: the reversed tree path and the preorder pieces of the moved subtree.
    stem: Vec<u32>,
    pieces: Vec<(u32, u32)>,
}

impl MinCostFlow {
    /// A problem with `nodes` nodes, no arcs and all supplies 0.
    ///
    /// # Panics
    ///
    /// If `nodes ≥ u32::MAX − 1` (node indices are stored as `u32`).
    ///
    /// # Examples
    ///
    /// ```
    /// let mcf = omnistock::flow::MinCostFlow::new(5);
    /// assert_eq!((mcf.num_nodes(), mcf.num_arcs()), (5, 0));
    /// ```
    pub fn new(nodes: usize) -> Self {
        Self::with_capacity(nodes, 0)
    }

    /// A problem with `nodes` nodes and room for `arcs` arcs without reallocating.
    ///
    /// # Panics
    ///
    /// If `nodes ≥ u32::MAX − 1`.
    ///
    /// # Examples
    ///
    /// ```
    /// let mcf = omnistock::flow::MinCostFlow::with_capacity(200, 40_000);
    /// assert_eq!(mcf.num_nodes(), 200);
    /// ```
    pub fn with_capacity(nodes: usize, arcs: usize) -> Self {
        assert!(
            nodes < (u32::MAX - 1) as usize,
            "too many nodes for a min-cost flow: {nodes}"
        );
        let all = arcs + nodes;
        MinCostFlow {
            nodes,
            arcs: 0,
            source: Vec::with_capacity(all),
            target: Vec::with_capacity(all),
            cap: Vec::with_capacity(all),
            cost: Vec::with_capacity(all),
            flow: Vec::with_capacity(all),
            state: Vec::with_capacity(all),
            supply: vec![0; nodes],
            parent: Vec::new(),
            pred: Vec::new(),
            up: Vec::new(),
            thread: Vec::new(),
            rev_thread: Vec::new(),
            succ_num: Vec::new(),
            last_succ: Vec::new(),
            pot: vec![0; nodes + 1],
            block: MIN_BLOCK,
            next_arc: 0,
            stem: Vec::new(),
            pieces: Vec::new(),
        }
    }

    /// Adds an arc `from → to` (lower bound 0) and returns its index: 0, 1, 2, … in call order.
    ///
    /// `capacity` is in `0..=i64::MAX` (`i64::MAX` for "unbounded"); `|cost| ≤ 2^50`
    /// ([`MAX_ABS_COST`], checked in debug builds; [`solve`](Self::solve) checks the product
    /// limit in every build). A self-loop (`from == to`) is allowed: it carries its whole
    /// capacity if its cost is negative and nothing otherwise.
    ///
    /// # Panics
    ///
    /// If `from` or `to` is not a node, or `capacity < 0`.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut mcf = omnistock::flow::MinCostFlow::new(3);
    /// assert_eq!(mcf.add_arc(0, 1, 5, 2), 0);
    /// assert_eq!(mcf.add_arc(1, 2, i64::MAX, -1), 1);
    /// assert_eq!(mcf.num_arcs(), 2);
    /// ```
    pub fn add_arc(&mut self, from: usize, to: usize, capacity: i64, cost: i64) -> usize {
        assert!(
            from < self.nodes && to < self.nodes,
            "arc {from} → {to} outside 0..{}",
            self.nodes
        );
        assert!(capacity >= 0, "negative capacity {capacity}");
        debug_assert!(cost.unsigned_abs() <= MAX_ABS_COST as u64, "|cost| {cost} above 2^50");
        self.drop_artificial();
        let index = self.arcs;
        self.source.push(from as u32);
        self.target.push(to as u32);
        self.cap.push(capacity);
        self.cost.push(cost);
        self.flow.push(0);
        self.state.push(LOWER);
        self.arcs += 1;
        index
    }

    /// Sets the supply of a node: `> 0` it sends, `< 0` it receives, 0 (the default) it only
    /// passes flow on. The supplies must sum to zero, or [`solve`](Self::solve) returns
    /// [`FlowStatus::Infeasible`].
    ///
    /// # Panics
    ///
    /// If `node` is not a node.
    ///
    /// # Examples
    ///
    /// ```
    /// use omnistock::flow::{FlowStatus, MinCostFlow};
    ///
    /// let mut mcf = MinCostFlow::new(2);
    /// mcf.add_arc(0, 1, 10, 1);
    /// mcf.set_supply(0, 3);
    /// assert_eq!(mcf.solve(), FlowStatus::Infeasible); // 3 units sent, none received
    /// mcf.set_supply(1, -3);
    /// assert_eq!(mcf.solve(), FlowStatus::Optimal);
    /// assert_eq!(mcf.flow(0), 3);
    /// ```
    pub fn set_supply(&mut self, node: usize, supply: i64) {
        assert!(node < self.nodes, "node {node} outside 0..{}", self.nodes);
        self.supply[node] = supply;
    }

    /// Changes the capacity of an arc (for the next [`solve`](Self::solve)).
    ///
    /// # Panics
    ///
    /// If `arc` is not an arc, or `capacity < 0`.
    ///
    /// # Examples
    ///
    /// ```
    /// use omnistock::flow::{FlowStatus, MinCostFlow};
    ///
    /// let mut mcf = MinCostFlow::new(2);
    /// let arc = mcf.add_arc(0, 1, 1, 1);
    /// mcf.set_supply(0, 2);
    /// mcf.set_supply(1, -2);
    /// assert_eq!(mcf.solve(), FlowStatus::Infeasible);
    /// mcf.set_arc_capacity(arc, 2);
    /// assert_eq!(mcf.solve(), FlowStatus::Optimal);
    /// ```
    pub fn set_arc_capacity(&mut self, arc: usize, capacity: i64) {
        assert!(arc < self.arcs, "arc {arc} outside 0..{}", self.arcs);
        assert!(capacity >= 0, "negative capacity {capacity}");
        self.cap[arc] = capacity;
    }

    /// Solves the problem from scratch and returns whether an optimal flow exists.
    ///
    /// Every call starts again from the artificial tree (there is no warm start), so supplies
    /// and capacities may be changed between calls. After [`FlowStatus::Optimal`],
    /// [`flow`](Self::flow), [`potential`](Self::potential) and
    /// [`total_cost`](Self::total_cost) describe the optimum; after
    /// [`FlowStatus::Infeasible`] every flow and potential is 0.
    ///
    /// # Panics
    ///
    /// If the positive supplies sum to more than 2^62 ([`MAX_TOTAL_SUPPLY`]),
    /// `max|cost| × (nodes + 1)` exceeds 2^60 ([`MAX_COST_SCALE`]), or arcs + nodes reach
    /// 2^32 − 1 (arc indices are stored as `u32`); all with supplies that sum to zero
    /// (otherwise the answer is [`FlowStatus::Infeasible`] without a solve).
    ///
    /// # Examples
    ///
    /// ```
    /// use omnistock::flow::{FlowStatus, MinCostFlow};
    ///
    /// let mut mcf = MinCostFlow::new(3);
    /// mcf.add_arc(0, 1, 5, 1);
    /// mcf.add_arc(0, 2, 5, 1);
    /// mcf.add_arc(1, 2, 5, -3);
    /// mcf.set_supply(0, 4);
    /// mcf.set_supply(2, -4);
    /// assert_eq!(mcf.solve(), FlowStatus::Optimal);
    /// assert_eq!(mcf.flows(), &[4, 0, 4]);
    /// assert_eq!(mcf.total_cost(), -8);
    /// ```
    pub fn solve(&mut self) -> FlowStatus {
        self.drop_artificial();
        let m = self.arcs;
        self.flow.fill(0);
        self.state.fill(LOWER);
        self.pot.fill(0);
        let sum: i128 = self.supply.iter().map(|&s| s as i128).sum();
        if sum != 0 {
            return FlowStatus::Infeasible;
        }
        let positive: i128 = self.supply.iter().filter(|&&s| s > 0).map(|&s| s as i128).sum();
        assert!(
            positive <= MAX_TOTAL_SUPPLY as i128,
            "total supply {positive} above the min-cost flow limit 2^62"
        );
        let max_cost = self.cost.iter().map(|c| c.unsigned_abs()).max().unwrap_or(0) as i128;
        let scale = max_cost * (self.nodes as i128 + 1);
        assert!(
            scale <= MAX_COST_SCALE,
            "max |cost| {max_cost} × (nodes + 1) = {scale} above the min-cost flow limit 2^60"
        );
        assert!(
            m + self.nodes < NONE as usize,
            "{m} arcs and {} nodes above the min-cost flow limit of 2^32 − 1 together",
            self.nodes
        );
        self.init_tree((scale + 1) as i64);
        if let Some(first) = self.first_phase_arcs() {
            self.block = first.len().isqrt().max(MIN_BLOCK);
            self.next_arc = 0;
            while let Some(arc) = self.find_entering(first.len(), |mcf, lo, hi| mcf.most_violating_of(&first[lo..hi])) {
                self.pivot(arc);
            }
        }
        self.block = m.isqrt().max(MIN_BLOCK);
        self.next_arc = 0;
        while let Some(arc) = self.find_entering(m, |mcf, lo, hi| mcf.most_violating(lo, hi)) {
            self.pivot(arc);
        }
        let infeasible = self.flow[m..].iter().any(|&f| f > 0);
        self.drop_artificial();
        if infeasible {
            self.flow.fill(0);
            self.pot.fill(0);
            FlowStatus::Infeasible
        } else {
            FlowStatus::Optimal
        }
    }

    /// The flow on an arc (0 before a solve and after an infeasible one).
    ///
    /// # Panics
    ///
    /// If `arc` is not an arc.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut mcf = omnistock::flow::MinCostFlow::new(2);
    /// let arc = mcf.add_arc(0, 1, 10, 1);
    /// mcf.set_supply(0, 4);
    /// mcf.set_supply(1, -4);
    /// mcf.solve();
    /// assert_eq!(mcf.flow(arc), 4);
    /// ```
    pub fn flow(&self, arc: usize) -> i64 {
        assert!(arc < self.arcs, "arc {arc} outside 0..{}", self.arcs);
        self.flow[arc]
    }

    /// The flows of all arcs, by arc index.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut mcf = omnistock::flow::MinCostFlow::new(2);
    /// mcf.add_arc(0, 1, 3, 1);
    /// mcf.add_arc(0, 1, 10, 2);
    /// mcf.set_supply(0, 4);
    /// mcf.set_supply(1, -4);
    /// mcf.solve();
    /// assert_eq!(mcf.flows(), &[3, 1]);
    /// ```
    pub fn flows(&self) -> &[i64] {
        &self.flow[..self.arcs]
    }

    /// The potential (price) π of a node: at an optimum, the reduced cost
    /// `cost + π[from] − π[to]` of every arc is ≥ 0 if its flow is below its capacity and ≤ 0
    /// if its flow is positive. 0 before a solve and after an infeasible one.
    ///
    /// # Panics
    ///
    /// If `node` is not a node.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut mcf = omnistock::flow::MinCostFlow::new(2);
    /// mcf.add_arc(0, 1, 10, 7);
    /// mcf.set_supply(0, 4);
    /// mcf.set_supply(1, -4);
    /// mcf.solve();
    /// // The arc carries flow strictly between its bounds: its reduced cost is 0.
    /// assert_eq!(7 + mcf.potential(0) - mcf.potential(1), 0);
    /// ```
    pub fn potential(&self, node: usize) -> i64 {
        assert!(node < self.nodes, "node {node} outside 0..{}", self.nodes);
        self.pot[node]
    }

    /// `Σ flow × cost` over all arcs, exact (it saturates at the `i128` bounds, which takes
    /// more than 2^13 arcs each carrying over 2^62 units at a cost near 2^50).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut mcf = omnistock::flow::MinCostFlow::new(2);
    /// mcf.add_arc(0, 1, i64::MAX, 1 << 50);
    /// mcf.set_supply(0, 1 << 40);
    /// mcf.set_supply(1, -(1 << 40));
    /// mcf.solve();
    /// assert_eq!(mcf.total_cost(), 1i128 << 90);
    /// ```
    pub fn total_cost(&self) -> i128 {
        self.flows()
            .iter()
            .zip(&self.cost)
            .fold(0i128, |acc, (&f, &c)| acc.saturating_add(f as i128 * c as i128))
    }

    /// The number of nodes.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(omnistock::flow::MinCostFlow::new(7).num_nodes(), 7);
    /// ```
    pub fn num_nodes(&self) -> usize {
        self.nodes
    }

    /// The number of arcs added.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut mcf = omnistock::flow::MinCostFlow::new(2);
    /// mcf.add_arc(0, 1, 1, 1);
    /// assert_eq!(mcf.num_arcs(), 1);
    /// ```
    pub fn num_arcs(&self) -> usize {
        self.arcs
    }

    /// Removes the artificial arcs of a solve, if any.
    fn drop_artificial(&mut self) {
        let m = self.arcs;
        self.source.truncate(m);
        self.target.truncate(m);
        self.cap.truncate(m);
        self.cost.truncate(m);
        self.flow.truncate(m);
        self.state.truncate(m);
    }

    /// The starting tree: every node hangs from the root by an artificial arc of cost `art`
    /// carrying its supply, towards the root for a supply ≥ 0 (flow below its capacity) and
    /// away from it otherwise (positive flow): strongly feasible.
    fn init_tree(&mut self, art: i64) {
        let n = self.nodes;
        let m = self.arcs;
        let root = n as u32;
        for v in [
            &mut self.parent,
            &mut self.pred,
            &mut self.thread,
            &mut self.rev_thread,
            &mut self.last_succ,
        ] {
            v.clear();
            v.resize(n + 1, NONE);
        }
        self.succ_num.clear();
        self.succ_num.resize(n + 1, 1);
        self.up.clear();
        self.up.resize(n + 1, false);
        for u in 0..n {
            let s = self.supply[u];
            let (from, to) = if s >= 0 { (u as u32, root) } else { (root, u as u32) };
            self.source.push(from);
            self.target.push(to);
            self.cap.push(i64::MAX);
            self.cost.push(art);
            self.flow.push(s.abs());
            self.state.push(TREE);
            self.pot[u] = if s >= 0 { -art } else { art };
            self.parent[u] = root;
            self.pred[u] = (m + u) as u32;
            self.up[u] = s >= 0;
            self.thread[u] = if u + 1 < n { u as u32 + 1 } else { root };
            self.rev_thread[u] = if u > 0 { u as u32 - 1 } else { root };
            self.last_succ[u] = u as u32;
        }
        let r = n;
        self.pot[r] = 0;
        self.thread[r] = if n > 0 { 0 } else { root };
        self.rev_thread[r] = if n > 0 { root - 1 } else { root };
        self.last_succ[r] = self.rev_thread[r];
        self.succ_num[r] = n as u32 + 1;
    }

    /// The first phase's arcs, ascending: every node's [`FIRST_PHASE_ARCS`] cheapest leaving
    /// and entering arcs of positive capacity (ties: the lower index); `None` when they could
    /// be more than half of all arcs (the graph is too sparse for a first phase to pay).
    fn first_phase_arcs(&self) -> Option<Vec<u32>> {
        const K: usize = FIRST_PHASE_ARCS;
        if 2 * K * self.nodes > self.arcs / 2 {
            return None;
        }
        // Per node and side, its cheapest arcs so far, ascending by (cost, index): arcs come
        // in index order, so a later arc displaces an earlier one only by a lower cost.
        let mut best: Vec<(i64, u32)> = vec![(i64::MAX, NONE); 2 * K * self.nodes];
        let mut keep = |slot: usize, cost: i64, e: u32| {
            let list = &mut best[slot * K..(slot + 1) * K];
            if cost < list[K - 1].0 {
                let at = list.partition_point(|&(c, _)| c <= cost);
                list.copy_within(at..K - 1, at + 1);
                list[at] = (cost, e);
            }
        };
        for e in 0..self.arcs {
            if self.cap[e] > 0 {
                let (s, t, c) = (self.source[e] as usize, self.target[e] as usize, self.cost[e]);
                keep(2 * s, c, e as u32);
                keep(2 * t + 1, c, e as u32);
            }
        }
        let mut arcs: Vec<u32> = best.into_iter().map(|(_, e)| e).filter(|&e| e != NONE).collect();
        arcs.sort_unstable();
        arcs.dedup();
        (arcs.len() <= self.arcs / 2).then_some(arcs)
    }

    /// Block search over `len` arcs (all the real arcs, or the first phase's) priced by
    /// `price` per range of positions: the most violating arc of the first block (in cyclic
    /// order from `next_arc`) that holds a violation, or `None` when none violates optimality.
    /// A block is `block` positions, cut short at the end.
    fn find_entering(&mut self, len: usize, price: impl Fn(&Self, usize, usize) -> (usize, i64)) -> Option<usize> {
        let m = len;
        let mut lo = self.next_arc;
        let mut scanned = 0;
        while scanned < m {
            let hi = (lo + self.block).min(m).min(lo + (m - scanned));
            let (best, min) = price(self, lo, hi);
            scanned += hi - lo;
            lo = if hi == m { 0 } else { hi };
            if min < 0 {
                self.next_arc = lo;
                return Some(best);
            }
        }
        None
    }

    /// The most violating arc of `lo..hi` (the first on ties) and its violation
    /// `state × reduced cost` (< 0 when it can enter).
    fn most_violating(&self, lo: usize, hi: usize) -> (usize, i64) {
        let pot = &self.pot[..];
        let arcs = self.source[lo..hi]
            .iter()
            .zip(&self.target[lo..hi])
            .zip(&self.cost[lo..hi])
            .zip(&self.state[lo..hi]);
        let mut best = lo;
        let mut min = 0i64;
        for (i, (((&s, &t), &c), &state)) in arcs.enumerate() {
            let violation = (c + pot[s as usize] - pot[t as usize]) * state as i64;
            if violation < min {
                min = violation;
                best = lo + i;
            }
        }
        (best, min)
    }

    /// [`most_violating`](Self::most_violating) over a list of arcs: the arc itself (the
    /// first listed on ties) and its violation.
    fn most_violating_of(&self, arcs: &[u32]) -> (usize, i64) {
        let pot = &self.pot[..];
        let mut best = 0;
        let mut min = 0i64;
        for &e in arcs {
            let e = e as usize;
            let violation =
                (self.cost[e] + pot[self.source[e] as usize] - pot[self.target[e] as usize]) * self.state[e] as i64;
            if violation < min {
                min = violation;
                best = e;
            }
        }
        (best, min)
    }

    /// The nearest common ancestor of two nodes (an ancestor has a larger subtree).
    fn find_join(&self, mut u: u32, mut v: u32) -> u32 {
        while u != v {
            if self.succ_num[u as usize] < self.succ_num[v as usize] {
                u = self.parent[u as usize];
            } else {
                v = self.parent[v as usize];
            }
        }
        u
    }

    /// One pivot with the entering arc `e_in`.
    fn pivot(&mut self, e_in: usize) {
        let (s, t) = (self.source[e_in], self.target[e_in]);
        // The cycle runs first → second along e_in, up from second to the apex, and down from
        // the apex to first.
        let (first, second) = if self.state[e_in] == LOWER { (s, t) } else { (t, s) };
        let join = self.find_join(first, second);

        // Ratio test. Walking the cycle from the apex, the first side is met first (from the
        // apex down to `first`), then e_in, then the second side (from `second` up to the
        // apex): the last blocking arc in that order leaves. Below, the first side is walked
        // upwards, so it keeps the first minimum found (strict <); the second side is walked
        // in cycle order, so it keeps the last (≤) and wins ties against e_in and the first
        // side.
        let mut delta = self.cap[e_in];
        let mut leaving: Option<(u32, bool)> = None; // (node below the leaving arc, on first side)
        let mut u = first;
        while u != join {
            let e = self.pred[u as usize] as usize;
            let room = if self.up[u as usize] {
                self.flow[e]
            } else {
                self.cap[e] - self.flow[e]
            };
            if room < delta {
                delta = room;
                leaving = Some((u, true));
            }
            u = self.parent[u as usize];
        }
        u = second;
        while u != join {
            let e = self.pred[u as usize] as usize;
            let room = if self.up[u as usize] {
                self.cap[e] - self.flow[e]
            } else {
                self.flow[e]
            };
            if room <= delta {
                delta = room;
                leaving = Some((u, false));
            }
            u = self.parent[u as usize];
        }

        if delta > 0 {
            self.flow[e_in] += delta * self.state[e_in] as i64;
            u = first;
            while u != join {
                let e = self.pred[u as usize] as usize;
                if self.up[u as usize] {
                    self.flow[e] -= delta;
                } else {
                    self.flow[e] += delta;
                }
                u = self.parent[u as usize];
            }
            u = second;
            while u != join {
                let e = self.pred[u as usize] as usize;
                if self.up[u as usize] {
                    self.flow[e] += delta;
                } else {
                    self.flow[e] -= delta;
                }
                u = self.parent[u as usize];
            }
        }

        let Some((u_out, first_side)) = leaving else {
            // e_in blocks itself: it moves to its other bound, the tree stays.
            self.state[e_in] = -self.state[e_in];
            #[cfg(test)]
            self.check_tree();
            return;
        };
        // The leaving arc hit its capacity if the cycle crossed it forwards, 0 otherwise.
        let e_out = self.pred[u_out as usize] as usize;
        let forwards = self.up[u_out as usize] != first_side;
        self.state[e_out] = if forwards { UPPER } else { LOWER };
        self.state[e_in] = TREE;
        let (u_in, v_in) = if first_side { (first, second) } else { (second, first) };
        let reduced = self.cost[e_in] + self.pot[s as usize] - self.pot[t as usize];
        let shift = if s == u_in { -reduced } else { reduced };
        self.move_subtree(e_in, u_in, v_in, u_out, join, shift);
        #[cfg(test)]
        self.check_tree();
    }

    /// Moves the subtree of `u_out` (which contains `u_in`) under `v_in` by the arc `e_in`,
    /// re-rooted at `u_in`: the tree path `u_in … u_out` (the stem) is reversed, the preorder
    /// is spliced, and the subtree's potentials shift by `shift`.
    fn move_subtree(&mut self, e_in: usize, u_in: u32, v_in: u32, u_out: u32, join: u32, shift: i64) {
        let root = self.nodes as u32;
        let size = self.succ_num[u_out as usize];
        let old_last = self.last_succ[u_out as usize];
        let before = self.rev_thread[u_out as usize];
        let after = self.thread[old_last as usize];
        let old_parent = self.parent[u_out as usize];

        // The stem s_0 = u_in, s_1 = parent(s_0), …, s_k = u_out.
        self.stem.clear();
        let mut u = u_in;
        loop {
            self.stem.push(u);
            if u == u_out {
                break;
            }
            u = self.parent[u as usize];
        }

        // The new preorder of the moved subtree, rooted at s_0 with s_{i+1} as the last child
        // of s_i: the old subtree of s_0, then for each i ≥ 1 the old subtree of s_i without
        // that of s_{i-1}: two runs of the old preorder, around the hole s_{i-1} leaves.
        self.pieces.clear();
        self.pieces.push((u_in, self.last_succ[u_in as usize]));
        for i in 1..self.stem.len() {
            let (prev, cur) = (self.stem[i - 1] as usize, self.stem[i] as usize);
            self.pieces.push((cur as u32, self.rev_thread[prev]));
            if self.last_succ[prev] != self.last_succ[cur] {
                self.pieces
                    .push((self.thread[self.last_succ[prev] as usize], self.last_succ[cur]));
            }
        }
        let new_last = self.pieces[self.pieces.len() - 1].1;
        for j in 1..self.pieces.len() {
            let (end, start) = (self.pieces[j - 1].1, self.pieces[j].0);
            self.thread[end as usize] = start;
            self.rev_thread[start as usize] = end;
        }

        // Cut the subtree out of the preorder, and insert it right after v_in.
        self.thread[before as usize] = after;
        self.rev_thread[after as usize] = before;
        let next = self.thread[v_in as usize];
        self.thread[v_in as usize] = u_in;
        self.rev_thread[u_in as usize] = v_in;
        self.thread[new_last as usize] = next;
        self.rev_thread[next as usize] = new_last;

        // Last nodes of the subtrees outside: the ancestors that ended with the moved subtree
        // now end just before it; then the ancestors that ended at v_in end with the subtree.
        let mut a = old_parent;
        while self.last_succ[a as usize] == old_last {
            self.last_succ[a as usize] = before;
            if a == root {
                break;
            }
            a = self.parent[a as usize];
        }
        a = v_in;
        while self.last_succ[a as usize] == v_in {
            self.last_succ[a as usize] = new_last;
            if a == root {
                break;
            }
            a = self.parent[a as usize];
        }

        // Subtree sizes outside: down from the old parent to the apex, up from v_in.
        a = old_parent;
        while a != join {
            self.succ_num[a as usize] -= size;
            a = self.parent[a as usize];
        }
        a = v_in;
        while a != join {
            self.succ_num[a as usize] += size;
            a = self.parent[a as usize];
        }

        // The stem, from u_out down: s_i hangs from s_{i-1} by s_{i-1}'s old tree arc.
        for i in (1..self.stem.len()).rev() {
            let (prev, cur) = (self.stem[i - 1] as usize, self.stem[i] as usize);
            self.parent[cur] = prev as u32;
            self.pred[cur] = self.pred[prev];
            self.up[cur] = !self.up[prev];
            self.succ_num[cur] = size - self.succ_num[prev];
            self.last_succ[cur] = new_last;
        }
        let s0 = u_in as usize;
        self.parent[s0] = v_in;
        self.pred[s0] = e_in as u32;
        self.up[s0] = self.source[e_in] == u_in;
        self.succ_num[s0] = size;
        self.last_succ[s0] = new_last;

        // Potentials of the moved subtree (contiguous in the preorder from u_in).
        let mut u = u_in;
        for _ in 0..size {
            self.pot[u as usize] += shift;
            u = self.thread[u as usize];
        }
    }

    /// Checks every tree invariant (test builds only, after each pivot).
    #[cfg(test)]
    fn check_tree(&self) {
        let n = self.nodes;
        let root = n;
        let all = self.source.len();
        // The preorder is one cycle through every node, starting at the root.
        let mut order = Vec::with_capacity(n + 1);
        let mut u = root;
        loop {
            order.push(u);
            assert_eq!(self.rev_thread[self.thread[u] as usize] as usize, u);
            u = self.thread[u] as usize;
            if u == root {
                break;
            }
            assert!(order.len() <= n);
        }
        assert_eq!(order.len(), n + 1);
        let mut position = vec![0; n + 1];
        for (i, &u) in order.iter().enumerate() {
            position[u] = i;
        }
        let is_ancestor = |a: usize, mut v: usize| loop {
            if v == a {
                return true;
            }
            if v == root {
                return false;
            }
            v = self.parent[v] as usize;
        };
        for v in 0..=n {
            // The subtree of v is the run of succ_num[v] nodes from v, ending at last_succ[v].
            let size = self.succ_num[v] as usize;
            let end = position[v] + size - 1;
            assert_eq!(order[end], self.last_succ[v] as usize);
            for &w in &order[position[v]..=end] {
                assert!(is_ancestor(v, w));
            }
            if end < n {
                assert!(!is_ancestor(v, order[end + 1]));
            }
            if v == root {
                assert_eq!(size, n + 1);
                continue;
            }
            // The tree arc to the parent: direction, state, zero reduced cost, strong
            // feasibility (flow can go up to the root).
            let p = self.parent[v] as usize;
            assert!(position[p] < position[v]);
            let e = self.pred[v] as usize;
            assert_eq!(self.state[e], TREE);
            let (s, t) = (self.source[e] as usize, self.target[e] as usize);
            if self.up[v] {
                assert_eq!((s, t), (v, p));
                assert!(self.flow[e] < self.cap[e], "strong feasibility");
            } else {
                assert_eq!((s, t), (p, v));
                assert!(self.flow[e] > 0, "strong feasibility");
            }
            assert_eq!(self.cost[e] + self.pot[s] - self.pot[t], 0);
        }
        assert_eq!(self.state.iter().filter(|&&s| s == TREE).count(), n);
        let mut net = vec![0i128; n + 1];
        for e in 0..all {
            let f = self.flow[e];
            assert!(0 <= f && f <= self.cap[e]);
            match self.state[e] {
                LOWER => assert_eq!(f, 0),
                UPPER => assert_eq!(f, self.cap[e]),
                _ => {}
            }
            net[self.source[e] as usize] += f as i128;
            net[self.target[e] as usize] -= f as i128;
        }
        for (&net, &supply) in net.iter().zip(&self.supply) {
            assert_eq!(net, supply as i128);
        }
        assert_eq!(net[root], 0);
        assert_eq!(self.pot[root], 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct SplitMix(u64);

    impl SplitMix {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) % n
        }
    }

    /// Complementary slackness, checked from the outside.
    fn assert_certificate(mcf: &MinCostFlow) {
        for e in 0..mcf.num_arcs() {
            let (s, t) = (mcf.source[e] as usize, mcf.target[e] as usize);
            let reduced = mcf.cost[e] + mcf.potential(s) - mcf.potential(t);
            if mcf.flow(e) < mcf.cap[e] {
                assert!(reduced >= 0);
            }
            if mcf.flow(e) > 0 {
                assert!(reduced <= 0);
            }
        }
    }

    /// A random multigraph: `arcs` arcs between random nodes (capacity unbounded, 0 or 0–14;
    /// cost −10–30), every node but 0 a supply in `−spread..=spread`, node 0 the balance.
    fn random_flow(rng: &mut SplitMix, n: usize, arcs: usize, spread: u64) -> MinCostFlow {
        let mut mcf = MinCostFlow::new(n);
        for _ in 0..arcs {
            let cap = match rng.below(8) {
                0 => i64::MAX,
                1 => 0,
                _ => rng.below(15) as i64,
            };
            let cost = rng.below(41) as i64 - 10;
            mcf.add_arc(rng.below(n as u64) as usize, rng.below(n as u64) as usize, cap, cost);
        }
        let mut sum = 0;
        for v in 1..n {
            let s = rng.below(2 * spread + 1) as i64 - spread as i64;
            mcf.set_supply(v, s);
            sum += s;
        }
        mcf.set_supply(0, -sum);
        mcf
    }

    /// Random instances with every tree invariant checked after every pivot (`check_tree`
    /// runs inside `pivot` in test builds).
    #[test]
    fn tree_invariants_hold_after_every_pivot() {
        let mut rng = SplitMix(7);
        let mut optimal = 0;
        for _ in 0..400 {
            let n = 1 + rng.below(14) as usize;
            let arcs = rng.below(50) as usize;
            let mut mcf = random_flow(&mut rng, n, arcs, 5);
            if mcf.solve() == FlowStatus::Optimal {
                optimal += 1;
                assert_certificate(&mcf);
            }
        }
        assert!(optimal > 100, "only {optimal} feasible instances");
    }

    /// Dense random multigraphs (over 32 arcs per node): the first phase runs, every tree
    /// invariant holds after every pivot of both phases, and the potentials certify the optimum.
    #[test]
    fn first_phase_keeps_invariants_and_optimum() {
        let mut rng = SplitMix(11);
        let mut optimal = 0;
        for _ in 0..60 {
            let n = 2 + rng.below(12) as usize;
            let arcs = 40 * n + rng.below(200) as usize;
            let mut mcf = random_flow(&mut rng, n, arcs, 20);
            assert!(mcf.first_phase_arcs().is_some());
            if mcf.solve() == FlowStatus::Optimal {
                optimal += 1;
                assert_certificate(&mcf);
            }
        }
        assert!(optimal > 20, "only {optimal} feasible instances");
    }

    #[test]
    fn degenerate_transportation_keeps_invariants() {
        // All costs equal: every pivot ties; the strongly feasible rule must still end.
        let n = 12;
        let mut mcf = MinCostFlow::new(2 * n);
        for i in 0..n {
            for j in 0..n {
                mcf.add_arc(i, n + j, 1, 5);
            }
            mcf.set_supply(i, 1);
            mcf.set_supply(n + i, -1);
        }
        assert_eq!(mcf.solve(), FlowStatus::Optimal);
        assert_eq!(mcf.total_cost(), 5 * n as i128);
        assert_certificate(&mcf);
    }
}
