//! Integration tests: the real server on a random port with its own SQLite file, driven over HTTP.
//! One test binary, so the server code is built once.

mod auth;
mod courses;
mod foundation;
mod generate;
mod helpers;
mod study;
