//! The demo course, compiled into the binary: a fresh database gets it on first start, from any
//! working directory. Once seeded it is an ordinary course; deleting or archiving it sticks.

use rusqlite::Connection;

use super::{courses, questions};
use crate::quiz::setfile;

pub const DEMO_COURSE_CODE: &str = "japan-russia";
const DEMO_TITLE: &str = "Japan and Russia (demo course)";
const DEMO_SET_FILE: &str = "japan-russia.toml";
const DEMO_SET: &str = include_str!("../../questions/japan-russia.toml");
const DEMO_DOCUMENTS: &[(&str, &str)] = &[
    (
        "japan-russia/bluebook-2012-russia-central-asia-caucasus.txt",
        include_str!("../../questions/japan-russia/bluebook-2012-russia-central-asia-caucasus.txt"),
    ),
    (
        "japan-russia/initiative-2007-far-east-siberia.txt",
        include_str!("../../questions/japan-russia/initiative-2007-far-east-siberia.txt"),
    ),
];
const SEEDED_KEY: &str = "demo_seeded";

/// The demo question set as parsed from the embedded file.
pub fn demo_set() -> anyhow::Result<setfile::SetFile> {
    let read = |name: &str| {
        DEMO_DOCUMENTS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| text.to_string())
            .ok_or_else(|| format!("no embedded document {name}"))
    };
    Ok(setfile::parse(DEMO_SET_FILE, DEMO_SET, &read)?)
}

/// Adds the demo course unless it was added before; all or nothing.
pub fn seed_demo(conn: &mut Connection, now: i64) -> anyhow::Result<()> {
    if courses::get_meta(conn, SEEDED_KEY)?.is_some() {
        return Ok(());
    }
    let set = demo_set()?;
    let tx = conn.transaction()?;
    let code = courses::unused_code(&tx, DEMO_COURSE_CODE)?;
    let course_id = courses::add_course(
        &tx,
        &courses::NewCourse {
            code: &code,
            title: DEMO_TITLE,
            description: &set.description,
            open_to_all: true,
        },
        None,
        now,
    )?;
    questions::import_set(&tx, course_id, &set, DEMO_SET_FILE, true, now)?;
    courses::set_meta(&tx, SEEDED_KEY, &code)?;
    tx.commit()?;
    Ok(())
}
