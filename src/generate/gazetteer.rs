//! A small gazetteer (countries with UN M49 subregions and aliases, regions, seas, lakes, rivers,
//! mountains, islands and major cities), shipped as `gazetteer.tsv` and parsed once.

use super::text::norm;
use std::collections::HashMap;
use std::sync::LazyLock;

const DATA: &str = include_str!("gazetteer.tsv");

#[derive(Debug, Clone)]
pub struct Place {
    pub kind: &'static str,
    pub name: &'static str,
    pub group: &'static str,
    pub aliases: Vec<&'static str>,
}

pub struct Gazetteer {
    pub places: Vec<Place>,
    index: HashMap<String, Vec<usize>>,
}

pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut places = Vec::new();
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    for line in DATA.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(kind), Some(name)) = (f.next(), f.next()) else {
            continue;
        };
        let group = f.next().unwrap_or("");
        let aliases: Vec<&'static str> = f
            .next()
            .unwrap_or("")
            .split('|')
            .filter(|s| !s.is_empty())
            .collect();
        let id = places.len();
        for n in std::iter::once(name).chain(aliases.iter().copied()) {
            let v = index.entry(norm(n)).or_default();
            if !v.contains(&id) {
                v.push(id);
            }
        }
        places.push(Place {
            kind,
            name,
            group,
            aliases,
        });
    }
    Gazetteer { places, index }
});

impl Gazetteer {
    /// Look a name up (case, accents, articles and punctuation ignored). Countries win ties.
    pub fn lookup(&self, s: &str) -> Option<&Place> {
        let ids = self.index.get(&norm(s))?;
        ids.iter()
            .map(|&i| &self.places[i])
            .min_by_key(|p| kind_rank(p.kind))
    }

    /// Other places of the same kind and group, then of the same kind.
    pub fn siblings<'a>(&'a self, p: &'a Place) -> impl Iterator<Item = &'a Place> + 'a {
        let same_group = self
            .places
            .iter()
            .filter(move |q| q.kind == p.kind && q.group == p.group && q.name != p.name);
        let same_kind = self
            .places
            .iter()
            .filter(move |q| q.kind == p.kind && q.group != p.group);
        same_group.chain(same_kind)
    }

    /// All names a place is known by.
    pub fn names(&self, s: &str) -> Vec<&'static str> {
        match self.lookup(s) {
            Some(p) => std::iter::once(p.name)
                .chain(p.aliases.iter().copied())
                .collect(),
            None => Vec::new(),
        }
    }
}

fn kind_rank(k: &str) -> u8 {
    match k {
        "country" => 0,
        "region" => 1,
        "sea" | "ocean" | "lake" => 2,
        "island" => 3,
        "city" => 4,
        _ => 5,
    }
}

/// Plural noun for a kind ("country" → "countries").
pub fn kind_plural(k: &str) -> &'static str {
    match k {
        "country" => "countries",
        "city" => "cities",
        "region" => "regions",
        "sea" => "seas",
        "ocean" => "oceans",
        "lake" => "lakes",
        "river" => "rivers",
        "island" => "islands",
        "mountain" => "mountains",
        _ => "places",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_and_aliases() {
        let g = &*GAZETTEER;
        assert!(g.places.len() > 500);
        assert_eq!(
            g.lookup("Kyrgyz Republic").map(|p| p.name),
            Some("Kyrgyzstan")
        );
        assert_eq!(g.lookup("the Sea of Okhotsk").map(|p| p.kind), Some("sea"));
        let kz = g.lookup("Kazakhstan").expect("kz");
        let sib: Vec<&str> = g.siblings(kz).take(4).map(|p| p.name).collect();
        assert!(sib.contains(&"Uzbekistan"), "{sib:?}");
        assert_eq!(g.lookup("Moscow").map(|p| p.kind), Some("city"));
    }
}
