//! factcards: a self-hosted quiz and flashcard server.
//!
//! The domain modules (`quiz`) know nothing of HTTP or SQL; `db` knows SQL; `web` glues them.

pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod generate;
pub mod quiz;
pub mod schedule;
pub mod startup;
pub mod transfer;
pub mod web;
