//! Tokenisation and a coarse, lexicon-driven part-of-speech tagger.

use super::lexicon::*;
use std::collections::HashSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Det,
    Prep,
    To,
    Conj,
    Sub,
    Pron,
    Poss,
    /// The possessive clitic "'s".
    Clitic,
    Modal,
    Be,
    Have,
    Do,
    Adv,
    Verb(VerbForm),
    Noun,
    Adj,
    Propn,
    Num,
    Punct,
}

#[derive(Debug, Clone)]
pub struct Tok<'a> {
    pub text: &'a str,
    pub lower: String,
    /// Byte range in the cleaned sentence.
    pub start: usize,
    pub end: usize,
    pub tag: Tag,
    pub lemma: String,
    pub cap: bool,
}

impl Tok<'_> {
    pub fn is(&self, w: &str) -> bool {
        self.lower == w
    }
    pub fn is_punct(&self, p: &str) -> bool {
        self.tag == Tag::Punct && self.text == p
    }
    pub fn is_verbal(&self) -> bool {
        matches!(
            self.tag,
            Tag::Verb(_) | Tag::Be | Tag::Have | Tag::Do | Tag::Modal
        )
    }
    /// A currency sign or code before an amount: "$", "US$", "£", "€", "¥", "CHF", "USD".
    pub fn is_currency(&self) -> bool {
        self.text.ends_with('$')
            || matches!(
                self.text,
                "£" | "€"
                    | "¥"
                    | "₹"
                    | "CHF"
                    | "USD"
                    | "EUR"
                    | "GBP"
                    | "JPY"
                    | "INR"
                    | "CNY"
                    | "AUD"
                    | "CAD"
                    | "NZD"
                    | "SEK"
                    | "NOK"
                    | "DKK"
                    | "ZAR"
                    | "Rs"
                    | "Rs."
            )
    }
    /// Can be part of a noun phrase.
    pub fn nominal(&self) -> bool {
        matches!(self.tag, Tag::Noun | Tag::Adj | Tag::Propn | Tag::Num)
    }
    pub fn is_year(&self) -> bool {
        self.tag == Tag::Num
            && self.text.len() == 4
            && self.text.bytes().all(|b| b.is_ascii_digit())
            && self
                .text
                .parse::<u32>()
                .is_ok_and(|y| (1000..=2200).contains(&y))
    }
}

fn split_words(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let n = chars.len();
    let mut k = 0;
    while k < n {
        let (pos, c) = chars[k];
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut e = k + 1;
            while e < n {
                let ch = chars[e].1;
                if ch.is_alphanumeric() {
                    e += 1;
                } else if matches!(ch, '-' | '\'' | '.' | '&' | ',' | '/')
                    && e + 1 < n
                    && chars[e + 1].1.is_alphanumeric()
                {
                    // commas and dots only inside numbers ("17,200", "3.5") or dotted abbreviations
                    if ch == ','
                        && !(chars[e - 1].1.is_ascii_digit() && chars[e + 1].1.is_ascii_digit())
                    {
                        break;
                    }
                    if ch == '/'
                        && !(chars[e - 1].1.is_ascii_digit() && chars[e + 1].1.is_ascii_digit())
                    {
                        break;
                    }
                    if ch == '.'
                        && !(chars[e - 1].1.is_ascii_digit() && chars[e + 1].1.is_ascii_digit())
                        && !(chars[e - 1].1.is_uppercase()
                            && (e < 2
                                || !chars[e - 2].1.is_alphanumeric()
                                || chars[e - 2].1 == '.'))
                    {
                        break;
                    }
                    e += 1;
                } else if ch == '–'
                    && e + 1 < n
                    && chars[e - 1].1.is_lowercase()
                    && chars[e + 1].1.is_lowercase()
                {
                    // an en dash typed for a hyphen inside a word: "co–operation"
                    e += 1;
                } else if ch == '.'
                    && chars[e - 1].1.is_uppercase()
                    && e >= 2
                    && chars[e - 2].1 == '.'
                {
                    // final dot of "U.S."
                    e += 1;
                    break;
                } else {
                    break;
                }
            }
            let end = if e < n { chars[e].0 } else { s.len() };
            let w = &s[pos..end];
            // split a possessive clitic
            if let Some(stem) = w.strip_suffix("'s").filter(|x| x.len() > 1) {
                out.push((pos, pos + stem.len()));
                out.push((pos + stem.len(), end));
            } else {
                out.push((pos, end));
            }
            k = e;
            i = end;
        } else {
            // punctuation; "--" and "..." as one token
            let mut e = k + 1;
            if c == '-' || c == '.' {
                while e < n && chars[e].1 == c {
                    e += 1;
                }
            }
            let end = if e < n { chars[e].0 } else { s.len() };
            out.push((pos, end));
            k = e;
            i = end;
        }
    }
    let _ = (i, b);
    out
}

/// Tokenise and tag a cleaned sentence. `caps` holds lowercase forms of words seen capitalised
/// in mid-sentence positions elsewhere in the document (to tell proper nouns at sentence start).
pub fn tokenize<'a>(s: &'a str, caps: &HashSet<String>) -> Vec<Tok<'a>> {
    let spans = split_words(s);
    let mut toks: Vec<Tok<'a>> = Vec::with_capacity(spans.len());
    for (k, &(a, b)) in spans.iter().enumerate() {
        let text = &s[a..b];
        let lower = text.to_lowercase();
        let first = text.chars().next().unwrap_or(' ');
        let cap = first.is_uppercase();
        let initial = k == 0 || (k == 1 && toks[0].tag == Tag::Punct);
        let (tag, lemma) = base_tag(text, &lower, cap, initial, caps);
        toks.push(Tok {
            text,
            lower,
            start: a,
            end: b,
            tag,
            lemma,
            cap,
        });
    }
    contextual(&mut toks);
    toks
}

fn base_tag(
    text: &str,
    lower: &str,
    cap: bool,
    initial: bool,
    caps: &HashSet<String>,
) -> (Tag, String) {
    let first = text.chars().next().unwrap_or(' ');
    if lower == "'s" {
        return (Tag::Clitic, String::new());
    }
    if !first.is_alphanumeric() {
        return (Tag::Punct, String::new());
    }
    if first.is_ascii_digit() {
        let t = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if t.len() < lower.len() && matches!(&lower[t.len()..], "st" | "nd" | "rd" | "th") {
            return (Tag::Adj, String::new());
        }
        return (Tag::Num, String::new());
    }
    let closed = |w: &str| -> Option<Tag> {
        if w == "to" {
            return Some(Tag::To);
        }
        if MODALS.contains(w) {
            return Some(Tag::Modal);
        }
        if BE_FORMS.contains(w) {
            return Some(Tag::Be);
        }
        if HAVE_FORMS.contains(w) {
            return Some(Tag::Have);
        }
        if DO_FORMS.contains(w) {
            return Some(Tag::Do);
        }
        if POSSESSIVES.contains(w) {
            return Some(Tag::Poss);
        }
        if matches!(w, "that" | "which" | "who" | "whom" | "whose") {
            return Some(Tag::Sub);
        }
        if DETERMINERS.contains(w) {
            return Some(Tag::Det);
        }
        if PRONOUNS.contains(w) && w != "one" {
            return Some(Tag::Pron);
        }
        if CONJUNCTIONS.contains(w) {
            return Some(Tag::Conj);
        }
        if PREPOSITIONS.contains(w) || w == "as" {
            return Some(Tag::Prep);
        }
        if SUBORDINATORS.contains(w) {
            return Some(Tag::Sub);
        }
        if small_number(w).is_some() || scale_word(w).is_some() {
            return Some(Tag::Num);
        }
        if ADVERBS.contains(w) {
            return Some(Tag::Adv);
        }
        if PREDICATIVE_ADJECTIVES.contains(w) || MODIFYING_ADJECTIVES.contains(w) {
            return Some(Tag::Adj);
        }
        None
    };
    if cap && !initial {
        // mid-sentence capital: a name, unless a shouting closed-class word
        if text.chars().all(|c| !c.is_lowercase())
            && text.len() > 1
            && let Some(t) = closed(lower).filter(|_| lower.len() > 3)
        {
            return (t, String::new());
        }
        return (Tag::Propn, String::new());
    }
    if let Some(t) = closed(lower) {
        return (t, String::new());
    }
    if cap
        && initial
        && (caps.contains(lower)
            || text
                .chars()
                .skip(1)
                .any(|c| c.is_uppercase() || c == '-' || c.is_ascii_digit()))
    {
        return (Tag::Propn, String::new());
    }
    if let Some((lemma, form)) = verb_analysis(lower) {
        return (Tag::Verb(form), lemma);
    }
    if lower.len() > 4 && lower.ends_with("ly") && !LY_NOT_ADVERB.contains(lower) {
        return (Tag::Adv, String::new());
    }
    if cap && initial {
        // "Argentina, Portugal and Uruguay deposited …": a known place opens the sentence
        if crate::generate::gazetteer::GAZETTEER.lookup(text).is_some() {
            return (Tag::Propn, String::new());
        }
        return (Tag::Noun, String::new());
    }
    let adj_suffix = [
        "al", "ous", "ive", "ic", "ful", "able", "ible", "ian", "ese", "ish", "est", "ary",
    ];
    if lower.len() > 4
        && adj_suffix.iter().any(|s| lower.ends_with(s))
        && !lower.ends_with("ials")
        && !SUFFIX_NOUNS.contains(lower)
        // "a logistician", "the technicians"
        && !lower.ends_with("ician")
    {
        return (Tag::Adj, String::new());
    }
    (Tag::Noun, String::new())
}

/// Is token `i` the last word of a short noun phrase that is the object of an infinitive or a
/// modal's verb ("to represent the belligerent states")?
fn object_of_infinitive(toks: &[Tok<'_>], i: usize) -> bool {
    let mut k = i;
    while k > 0 && i - k < 3 && matches!(toks[k - 1].tag, Tag::Adj | Tag::Noun) {
        k -= 1;
    }
    k < i
        && k >= 3
        && matches!(toks[k - 1].tag, Tag::Det | Tag::Poss)
        && toks[k - 2].tag == Tag::Verb(VerbForm::Base)
        && matches!(toks[k - 3].tag, Tag::To | Tag::Modal)
}

fn contextual(toks: &mut [Tok<'_>]) {
    let n = toks.len();
    // "I" is the speaker, except after a person's name ("Edward I"); "In New Zealand I will …"
    for i in 1..n {
        if toks[i].text != "I" {
            continue;
        }
        let mut a = i;
        while a > 0 && toks[a - 1].cap && toks[a - 1].tag == Tag::Propn {
            a -= 1;
        }
        let place = a < i && {
            let name: Vec<&str> = toks[a..i].iter().map(|t| t.text).collect();
            crate::generate::gazetteer::GAZETTEER
                .lookup(&name.join(" "))
                .is_some()
        };
        if a == i || place {
            toks[i].tag = Tag::Pron;
        }
    }
    // "the old, ruined castle", "a third, wider lane": a modifier after a comma that goes on to
    // the noun
    for i in 3..n.saturating_sub(1) {
        if toks[i - 1].is_punct(",")
            && matches!(toks[i - 3].tag, Tag::Det | Tag::Poss)
            && !toks[i - 2].cap
            && matches!(toks[i - 2].tag, Tag::Adj | Tag::Noun)
            && !toks[i].cap
            && matches!(
                toks[i].tag,
                Tag::Verb(VerbForm::PastOrPart | VerbForm::Past) | Tag::Noun
            )
            && (toks[i].lower.ends_with("ed") || toks[i].lower.ends_with("er"))
            && toks[i + 1].tag == Tag::Noun
        {
            toks[i].tag = Tag::Adj;
            toks[i - 2].tag = Tag::Adj;
        }
    }
    // "will promote bilateral tourism flows": a word in -s that ends the object of a verb is a
    // plural noun
    for i in 3..n {
        if toks[i].tag != Tag::Verb(VerbForm::Pres3) || toks[i - 1].tag != Tag::Noun {
            continue;
        }
        let mut k = i - 1;
        while k > 0 && matches!(toks[k - 1].tag, Tag::Noun | Tag::Adj) && i - k < 4 {
            k -= 1;
        }
        if k < i - 1
            && k > 0
            && toks[k].tag == Tag::Adj
            && matches!(
                toks[k - 1].tag,
                Tag::Verb(VerbForm::Base | VerbForm::Past | VerbForm::Pres3)
            )
        {
            toks[i].tag = Tag::Noun;
        }
    }
    // a currency code before an amount is a sign like "$": "CHF 1 million"
    for i in 0..n.saturating_sub(1) {
        if toks[i].is_currency() && toks[i + 1].tag == Tag::Num {
            toks[i].tag = Tag::Punct;
        }
    }
    // "was first used", "has once been": an ordinal or time word between an auxiliary and a
    // participle modifies the verb
    for i in 1..n.saturating_sub(1) {
        if matches!(
            toks[i].lower.as_str(),
            "first" | "last" | "once" | "still" | "never" | "again"
        ) && matches!(toks[i - 1].tag, Tag::Be | Tag::Have | Tag::Modal)
            && matches!(
                toks[i + 1].tag,
                Tag::Verb(VerbForm::PastOrPart | VerbForm::PastPart)
            )
        {
            toks[i].tag = Tag::Adv;
        }
    }
    // "Miltiades, the Athenian general, ordered …": an unknown capitalised first word with a
    // description set off after it is a name
    if n > 5
        && toks[0].tag == Tag::Noun
        && toks[0].cap
        && toks[1].is_punct(",")
        && matches!(toks[2].lower.as_str(), "the" | "a" | "an")
        && let Some(c) = (3..n.min(10)).find(|&k| toks[k].is_punct(","))
        && toks[3..c]
            .iter()
            .all(|t| t.tag != Tag::Sub && !t.is_punct("("))
        && toks
            .get(c + 1)
            .is_some_and(|t| matches!(t.tag, Tag::Verb(_) | Tag::Adv))
    {
        toks[0].tag = Tag::Propn;
    }
    for i in 0..n {
        let prev = if i > 0 { Some(toks[i - 1].tag) } else { None };
        let prev2 = if i > 1 { Some(toks[i - 2].tag) } else { None };
        let next = toks.get(i + 1).map(|t| t.tag);
        match toks[i].tag {
            Tag::Verb(f) => {
                let after_nominal_mod = matches!(
                    prev,
                    Some(Tag::Det | Tag::Poss | Tag::Adj | Tag::Num | Tag::Clitic)
                );
                let after_prep = matches!(prev, Some(Tag::Prep));
                // a verb right after a finite main verb is its object noun ("supplied aid")
                let after_verb = matches!(
                    prev,
                    Some(Tag::Verb(
                        VerbForm::Past | VerbForm::Pres3 | VerbForm::PastOrPart
                    ))
                ) && matches!(f, VerbForm::Base | VerbForm::Pres3);
                match f {
                    VerbForm::Gerund => {
                        if after_nominal_mod {
                            toks[i].tag = Tag::Noun;
                        }
                    }
                    VerbForm::PastOrPart | VerbForm::PastPart | VerbForm::Past => {
                        // "2014 marked the anniversary": a sentence-initial year is a subject
                        let year_subject = i == 1
                            && toks[0].is_year()
                            && matches!(next, Some(Tag::Det | Tag::Poss));
                        // "Burma's first credibly elected civilian government"
                        let adverb_in_np = i >= 2
                            && prev == Some(Tag::Adv)
                            && toks[i - 1].lower.ends_with("ly")
                            && (matches!(
                                prev2,
                                Some(Tag::Det | Tag::Poss | Tag::Adj | Tag::Clitic)
                            ) || matches!(
                                toks[i - 2].lower.as_str(),
                                "first" | "second" | "third" | "last" | "only" | "newly"
                            ))
                            && matches!(next, Some(Tag::Noun | Tag::Adj | Tag::Propn));
                        // "investment in the country in 2021 came from China": a year that
                        // ends a prepositional phrase does not modify the verb after it
                        let year_pp =
                            i >= 2 && toks[i - 1].is_year() && toks[i - 2].tag == Tag::Prep;
                        if (after_nominal_mod && !year_subject && !year_pp)
                            || adverb_in_np
                            || (after_prep && !matches!(next, Some(Tag::Prep | Tag::To | Tag::Det)))
                        {
                            toks[i].tag = Tag::Adj;
                        }
                    }
                    VerbForm::Base | VerbForm::Pres | VerbForm::Pres3 => {
                        let after_to_or_aux = matches!(prev, Some(Tag::To | Tag::Modal | Tag::Do))
                            || (matches!(prev, Some(Tag::Adv))
                                && matches!(prev2, Some(Tag::To | Tag::Modal | Tag::Do)));
                        // "assistance for Pakistan in 2026 totals nearly $97 million"
                        let after_year_pp = i >= 2
                            && toks[i - 1].is_year()
                            && toks[i - 2].tag == Tag::Prep
                            && f == VerbForm::Pres3;
                        // "on a State visit": a capitalised modifier after "a" makes a noun phrase
                        let after_a_name = i >= 2
                            && prev == Some(Tag::Propn)
                            && matches!(toks[i - 2].lower.as_str(), "a" | "an")
                            && matches!(f, VerbForm::Base | VerbForm::Pres);
                        if after_to_or_aux {
                            toks[i].tag = Tag::Verb(VerbForm::Base);
                        } else if after_a_name {
                            toks[i].tag = Tag::Noun;
                        } else if after_year_pp {
                        } else if after_nominal_mod
                            || after_prep
                            || after_verb
                            || matches!(prev, Some(Tag::Noun | Tag::Adj) if f == VerbForm::Base && matches!(next, Some(Tag::Prep | Tag::Punct | Tag::Conj) | None))
                        {
                            toks[i].tag = Tag::Noun;
                        } else if f == VerbForm::Base {
                            // present plural after a nominal subject; otherwise a noun
                            let plural_noun = i > 0
                                && toks[i - 1].tag == Tag::Noun
                                && toks[i - 1].lower.ends_with('s')
                                && !matches!(prev2, Some(Tag::Prep));
                            // "Following French defeat in …": a name after a preposition
                            // modifies the noun after it
                            let name_in_pp =
                                prev == Some(Tag::Propn) && matches!(prev2, Some(Tag::Prep));
                            let subj_before = (matches!(
                                prev,
                                Some(Tag::Propn | Tag::Pron | Tag::Sub | Tag::Adv)
                            ) && !name_in_pp)
                                || plural_noun;
                            if subj_before
                                && !matches!(next, Some(Tag::Verb(_) | Tag::Be | Tag::Modal) | None)
                            {
                                toks[i].tag = Tag::Verb(VerbForm::Pres);
                            } else {
                                toks[i].tag = Tag::Noun;
                            }
                        } else if f == VerbForm::Pres3
                            && (matches!(prev, Some(Tag::Propn)) && matches!(prev2, Some(Tag::Num))
                                // "against the Persian forces": a people's adjective
                                || (prev == Some(Tag::Propn)
                                    && prev2 == Some(Tag::Det)
                                    && ["ian", "ese", "ish"]
                                        .iter()
                                        .any(|x| toks[i - 1].lower.ends_with(x)))
                                || object_of_infinitive(toks, i)
                                || ((i == 1 && prev == Some(Tag::Noun)
                                    || (matches!(prev, Some(Tag::Noun | Tag::Propn))
                                        && prev2 == Some(Tag::Prep)
                                        && toks.get(i + 2).is_some_and(|x| {
                                            matches!(x.tag, Tag::Det | Tag::Poss | Tag::Adj)
                                        })))
                                    && matches!(
                                        next,
                                        Some(Tag::Verb(VerbForm::Past | VerbForm::PastOrPart))
                                    )))
                        {
                            // "by 16 European states", "to represent the belligerent states",
                            // "Peace talks gained momentum", "capture by Union forces marked a
                            // turning point"
                            toks[i].tag = Tag::Noun;
                        } else if f == VerbForm::Pres3
                            && !matches!(
                                prev,
                                Some(
                                    Tag::Noun
                                        | Tag::Propn
                                        | Tag::Pron
                                        | Tag::Sub
                                        | Tag::Adv
                                        | Tag::Punct
                                        | Tag::Clitic
                                )
                            )
                        {
                            toks[i].tag = Tag::Noun;
                        }
                    }
                }
            }
            // "About 25,000 soldiers died", "over 740,000 Rohingya fled": a qualifier, not a
            // preposition, before a number at the start of a clause
            Tag::Prep
                if matches!(
                    toks[i].lower.as_str(),
                    "about" | "around" | "over" | "under"
                ) && matches!(next, Some(Tag::Num))
                    && (i == 0 || matches!(prev, Some(Tag::Punct | Tag::Conj))) =>
            {
                toks[i].tag = Tag::Adv;
            }
            // "announced today that …": a time adverb, unless a noun ("today's")
            Tag::Noun
                if matches!(toks[i].lower.as_str(), "today" | "yesterday" | "tonight")
                    && !matches!(next, Some(Tag::Clitic)) =>
            {
                toks[i].tag = Tag::Adv;
            }
            // "To accelerate this work, …": a sentence opened by a purpose infinitive
            Tag::Noun
                if i == 1
                    && toks[0].is("to")
                    && !toks[i].cap
                    && toks[i].lower != "date"
                    && matches!(
                        next,
                        Some(Tag::Det | Tag::Pron | Tag::Poss | Tag::Adj | Tag::Noun)
                    ) =>
            {
                toks[i].tag = Tag::Verb(VerbForm::Base);
            }
            Tag::Noun if i == 0 && toks[i].cap && matches!(next, Some(Tag::Propn)) => {
                toks[i].tag = Tag::Propn;
            }
            // "Steve and Peter were released": a name coordinated with a one-word name
            Tag::Noun
                if i == 0
                    && toks[i].cap
                    && !toks[i].lower.ends_with('s')
                    && toks.get(1).is_some_and(|t| t.lower == "and")
                    && toks.get(2).is_some_and(|t| t.tag == Tag::Propn)
                    && toks.get(3).is_some_and(|t| {
                        matches!(t.tag, Tag::Verb(_) | Tag::Be | Tag::Have | Tag::Modal)
                    }) =>
            {
                toks[i].tag = Tag::Propn;
            }
            Tag::Sub
                if toks[i].lower == "that"
                    && (matches!(prev, Some(Tag::Prep))
                        || matches!(next, Some(Tag::Punct) | None)) =>
            {
                toks[i].tag = Tag::Det;
            }
            Tag::Det if matches!(toks[i].lower.as_str(), "this" | "these" | "those") => {
                if matches!(
                    next,
                    Some(Tag::Verb(_) | Tag::Be | Tag::Have | Tag::Modal | Tag::Punct) | None
                ) {
                    toks[i].tag = Tag::Pron;
                }
            }
            Tag::Num if toks[i].lower == "one" => {
                if matches!(next, Some(Tag::Prep))
                    && toks.get(i + 1).is_some_and(|t| t.lower == "of")
                {
                    // "one of the ..." stays a number
                } else if matches!(prev, Some(Tag::Det | Tag::Adj)) {
                    toks[i].tag = Tag::Pron;
                }
            }
            _ => {}
        }
    }
    // "Switzerland sends specialists and allocates CHF 1 million": a word in -s after "and" that
    // takes an object, in a sentence whose verb is in the present, is a second verb
    if let Some(v) = toks
        .iter()
        .position(|t| t.tag == Tag::Verb(VerbForm::Pres3))
    {
        for i in v + 2..n.saturating_sub(1) {
            let w = toks[i].lower.as_str();
            if toks[i].tag == Tag::Noun
                && !toks[i].cap
                && toks[i - 1].is("and")
                && w.len() > 5
                && w.ends_with('s')
                && !w.ends_with("ss")
                && (matches!(toks[i + 1].tag, Tag::Det | Tag::Poss | Tag::Num)
                    || toks[i + 1].is_currency())
            {
                let lemma = if let Some(st) = w.strip_suffix("ies") {
                    format!("{st}y")
                } else if ["sses", "shes", "ches", "xes", "zzes"]
                    .iter()
                    .any(|e| w.ends_with(e))
                {
                    // "addresses", "launches" (but "releases", "allocates" keep their "e")
                    w[..w.len() - 2].to_string()
                } else {
                    w[..w.len() - 1].to_string()
                };
                toks[i].tag = Tag::Verb(VerbForm::Pres3);
                toks[i].lemma = lemma;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<(String, Tag)> {
        tokenize(s, &HashSet::new())
            .into_iter()
            .map(|t| (t.text.to_string(), t.tag))
            .collect()
    }

    #[test]
    fn tokenises_numbers_and_abbreviations() {
        let t = tags("The U.S. sent 17,200 blankets and 3.5 tons to Japan's north.");
        let words: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            words,
            vec![
                "The", "U.S.", "sent", "17,200", "blankets", "and", "3.5", "tons", "to", "Japan",
                "'s", "north", "."
            ]
        );
        assert_eq!(t[2].1, Tag::Verb(VerbForm::PastOrPart));
        assert_eq!(t[3].1, Tag::Num);
    }

    #[test]
    fn tags_verbs_in_context() {
        let t = tags("Russia supplied aid in the forms of relief materials");
        assert_eq!(t[1].1, Tag::Verb(VerbForm::PastOrPart));
        assert_eq!(t[2].1, Tag::Noun);
        assert_eq!(t[5].1, Tag::Noun);
    }
}
