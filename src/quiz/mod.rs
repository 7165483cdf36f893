//! Questions and how answers to them are graded.

pub mod model;
