//! Questions and how answers to them are graded.

pub mod check;
pub mod model;
pub mod setfile;
pub mod validate;
