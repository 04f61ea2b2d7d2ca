//! One `AsyncTask` for every `…Async` call whose work is a [`Job`]: `compute` runs the job
//! (conversion and the core) on a libuv worker thread, `resolve` only converts the JSON text
//! to JS values, or the failure to the same `Error` the sync call throws. A job runs on its
//! [`Job::Target`]: an `Inventory`'s shared state for its methods, nothing (`()`) for module
//! functions such as `simulateAsync`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use napi::bindgen_prelude::Unknown;
use napi::{Env, ScopedTask};

use crate::conversion;
use crate::error::{Failure, to_js_error};
use crate::inventory::Shared;

/// The arguments of a call, taken on the JS thread (conversion errors wait until `run`, so the
/// async variant rejects with them instead of throwing).
pub trait Job: Send + 'static {
    /// The method's JS name, for the messages of bugs.
    const NAME: &'static str;
    /// What the job runs on: [`Shared`] for an `Inventory` method, `()` for a module function.
    type Target: Send + 'static;
    /// Runs the core; the answer as JSON text.
    fn run(self, target: &Self::Target) -> Result<String, Failure>;
}

/// The task of one `…Async` call.
pub struct JobTask<J: Job> {
    target: J::Target,
    job: Option<J>,
}

impl<J: Job<Target = Shared>> JobTask<J> {
    /// The task for one call of an `Inventory` method.
    pub fn new(inner: &Shared, job: J) -> JobTask<J> {
        JobTask {
            target: Arc::clone(inner),
            job: Some(job),
        }
    }
}

impl<J: Job<Target = ()>> JobTask<J> {
    /// The task for one call of a module function.
    pub fn detached(job: J) -> JobTask<J> {
        JobTask {
            target: (),
            job: Some(job),
        }
    }
}

impl<'task, J: Job> ScopedTask<'task> for JobTask<J> {
    type Output = Result<String, Failure>;
    type JsValue = Unknown<'task>;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let Some(job) = self.job.take() else {
            return Ok(Err(Failure::Napi(napi::Error::from_reason(format!(
                "omnistock: {} ran twice (a bug: please report it)",
                J::NAME
            )))));
        };
        // `#[napi(catch_unwind)]` covers the JS thread only: this is the net on the worker.
        let result = catch_unwind(AssertUnwindSafe(|| job.run(&self.target)));
        Ok(result.unwrap_or_else(|_| {
            Err(Failure::Napi(napi::Error::from_reason(format!(
                "omnistock panicked in {} (a bug: please report it)",
                J::NAME
            ))))
        }))
    }

    fn resolve(&mut self, env: &'task Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        match output {
            Ok(text) => conversion::parse(env, &text),
            Err(failure) => Err(to_js_error(env, failure)),
        }
    }
}
