use super::*;

#[test]
fn scratch_tiny() {
    let s = generate_values(serde_json::json!({"size": "small"})).unwrap();
    let t = std::time::Instant::now();
    let sim = simulate(&s, &builtin_rule_sets()).unwrap();
    eprintln!("took {:?}", t.elapsed());
    for r in &sim.runs {
        eprintln!("{} {:?} {:?}", r.name, r.counts, r.refused);
    }
    for row in &sim.comparison.rows {
        eprintln!("{:30} {:?}", row.metric, row.values);
    }
}
