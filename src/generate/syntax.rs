//! Shallow syntax: verb groups, clauses, subjects, and turning a clause into a wh-question.

use super::lexicon::{INSTITUTION_NOUNS, VerbForm, participle_of, past_of, pres3_of};
use super::tokens::{Tag, Tok, tokenize};
use std::collections::HashSet;

#[derive(Debug, Clone)]
pub struct Vg {
    pub start: usize,
    pub end: usize,
    /// Main verb (or the copula / possessive "have" when there is no other verb).
    pub main: usize,
    /// First auxiliary, if any.
    pub aux: Option<usize>,
    pub finite: bool,
    pub relative: bool,
    pub passive: bool,
}

#[derive(Debug)]
pub struct Sent<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok<'a>>,
    pub vgs: Vec<Vg>,
    /// Clause index of every token.
    pub clause: Vec<usize>,
    /// Token ranges of clauses.
    pub clauses: Vec<(usize, usize)>,
}

/// How to phrase tense for statements about the future relative to "now".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FutureMode {
    /// Keep "will" and prefix "According to the document,".
    Keep,
    /// The event is past at "today": ask in the past tense.
    Past,
}

#[derive(Debug, Clone)]
pub struct WhSpec {
    /// The wh-phrase, e.g. "How many workers", "Where", "Since what year".
    pub wh: String,
    /// Also remove these tokens before the answer (a preposition such as "on" or "since").
    pub drop_before: usize,
    /// Kind of sibling items to skip after the answer (list members of the same kind).
    pub skip_siblings: bool,
    /// Whether "since" semantics apply (present perfect).
    pub since: bool,
}

impl WhSpec {
    /// A wh-phrase that takes the answer's place, with nothing else removed.
    pub fn new(wh: impl Into<String>) -> WhSpec {
        WhSpec {
            wh: wh.into(),
            drop_before: 0,
            skip_siblings: false,
            since: false,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct QCtx {
    /// Current year when known (for tense decisions).
    pub today_year: Option<i32>,
}

fn is_aux(t: &Tok<'_>) -> bool {
    matches!(t.tag, Tag::Modal | Tag::Be | Tag::Have | Tag::Do)
}

pub fn analyse<'a>(text: &'a str, caps: &HashSet<String>) -> Sent<'a> {
    let toks = tokenize(text, caps);
    let vgs = find_vgs(&toks);
    let (clause, clauses) = find_clauses(&toks, &vgs);
    Sent {
        text,
        toks,
        vgs,
        clause,
        clauses,
    }
}

fn find_vgs(toks: &[Tok<'_>]) -> Vec<Vg> {
    let n = toks.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let t = &toks[i];
        let prev_to = i > 0 && toks[i - 1].tag == Tag::To;
        if is_aux(t) && !prev_to {
            let mut j = i + 1;
            let mut last_aux = i;
            loop {
                while j < n && toks[j].tag == Tag::Adv {
                    j += 1;
                }
                if j < n && matches!(toks[j].tag, Tag::Be | Tag::Have) {
                    last_aux = j;
                    j += 1;
                    continue;
                }
                break;
            }
            let mut k = j;
            while k < n && toks[k].tag == Tag::Adv {
                k += 1;
            }
            let mut main = last_aux;
            let mut passive = false;
            let mut end = last_aux + 1;
            if k < n {
                match toks[k].tag {
                    Tag::Verb(VerbForm::PastPart | VerbForm::PastOrPart | VerbForm::Past)
                        if toks[last_aux].tag != Tag::Modal =>
                    {
                        main = k;
                        passive = toks[last_aux].tag == Tag::Be;
                        end = k + 1;
                    }
                    Tag::Verb(VerbForm::Gerund) if toks[last_aux].tag == Tag::Be => {
                        main = k;
                        end = k + 1;
                    }
                    Tag::Verb(_) if matches!(toks[last_aux].tag, Tag::Modal | Tag::Do) => {
                        main = k;
                        end = k + 1;
                    }
                    Tag::Adj if toks[last_aux].tag == Tag::Be && !toks[k].lemma.is_empty() => {
                        // retagged participle ("were received") is still a verb after "be"
                        main = k;
                        passive = true;
                        end = k + 1;
                    }
                    _ => {}
                }
            }
            end = extend_to_chain(toks, end);
            let first = t.lower.as_str();
            let finite = !matches!(first, "be" | "been" | "being" | "having");
            out.push(Vg {
                start: i,
                end,
                main,
                aux: Some(i),
                finite,
                relative: is_relative(toks, i),
                passive,
            });
            i = end;
            continue;
        }
        if let Tag::Verb(f) = t.tag
            && !prev_to
        {
            let finite = matches!(
                f,
                VerbForm::Past | VerbForm::Pres | VerbForm::Pres3 | VerbForm::PastOrPart
            );
            let end = extend_to_chain(toks, i + 1);
            if finite || f == VerbForm::Gerund || (f == VerbForm::PastPart) {
                out.push(Vg {
                    start: i,
                    end,
                    main: i,
                    aux: None,
                    finite: finite && f != VerbForm::PastPart,
                    relative: is_relative(toks, i),
                    passive: false,
                });
            }
            i = end;
            continue;
        }
        i += 1;
    }
    // "who had served as … and had improved relations …": a verb phrase joined by "and" to a
    // relative clause's belongs to that clause
    for k in 1..out.len() {
        let mut j = out[k].start;
        while j > 0 && toks[j - 1].tag == Tag::Adv {
            j -= 1;
        }
        if out[k - 1].relative
            && out[k].finite
            && j >= 2
            && toks[j - 1].is("and")
            && !toks[j - 2].is_punct(",")
            && !toks[out[k - 1].end..j].iter().any(|t| t.tag == Tag::Punct)
        {
            out[k].relative = true;
        }
    }
    // A past-or-participle directly after a noun, followed later by a real finite verb in the same
    // stretch, is a reduced relative ("teams dispatched to Japan were ..."): mark it non-finite.
    // A later verb after "that" or another subordinator is its complement's ("Canada announced
    // today that it has earmarked …").
    for k in 0..out.len() {
        let v = &out[k];
        if v.aux.is_none() && toks[v.main].tag == Tag::Verb(VerbForm::PastOrPart) {
            // the later verb must be a sure finite verb, not another participle after a noun
            let next_finite = out[k + 1..].iter().find(|w| {
                w.finite
                    && !w.relative
                    && !(w.aux.is_none()
                        && toks[w.main].tag == Tag::Verb(VerbForm::PastOrPart)
                        && w.start > 0
                        && toks[w.start - 1].nominal())
            });
            let comma_between = next_finite.is_some_and(|w| {
                toks[v.end..w.start]
                    .iter()
                    .any(|t| t.is_punct(",") || matches!(t.tag, Tag::Conj | Tag::Sub))
            });
            if next_finite.is_some() && !comma_between && v.start > 0 && toks[v.start - 1].nominal()
            {
                out[k].finite = false;
            }
        }
    }
    out
}

fn extend_to_chain(toks: &[Tok<'_>], mut end: usize) -> usize {
    let n = toks.len();
    loop {
        if end + 1 < n && toks[end].tag == Tag::To {
            let mut k = end + 1;
            while k < n && toks[k].tag == Tag::Adv {
                k += 1;
            }
            if k < n && matches!(toks[k].tag, Tag::Verb(_)) && !toks[k].lemma.is_empty() {
                end = k + 1;
                continue;
            }
            if k + 1 < n
                && toks[k].tag == Tag::Be
                && matches!(toks[k + 1].tag, Tag::Verb(_) | Tag::Adj)
                && !toks[k + 1].lemma.is_empty()
            {
                end = k + 2;
                continue;
            }
        }
        return end;
    }
}

fn is_relative(toks: &[Tok<'_>], start: usize) -> bool {
    let mut j = start;
    while j > 0 && toks[j - 1].tag == Tag::Adv {
        j -= 1;
    }
    j > 0
        && toks[j - 1].tag == Tag::Sub
        && matches!(toks[j - 1].lower.as_str(), "which" | "that" | "who")
}

/// A pronoun that can open a clause as its subject.
fn subject_pronoun(t: &Tok<'_>) -> bool {
    matches!(t.lower.as_str(), "it" | "he" | "she" | "they" | "we")
}

fn find_clauses(toks: &[Tok<'_>], vgs: &[Vg]) -> (Vec<usize>, Vec<(usize, usize)>) {
    let n = toks.len();
    let mut starts = vec![0usize];
    let mut depth = 0usize;
    for i in 0..n {
        let t = &toks[i];
        if t.is_punct("(") {
            depth += 1;
        } else if t.is_punct(")") {
            depth = depth.saturating_sub(1);
        }
        // "The STRAIT OF GIBRALTAR (; ) is …": a semicolon inside brackets ends no clause
        if (t.is_punct(";") || t.is_punct(":")) && i + 1 < n && depth == 0 {
            starts.push(i + 1);
            continue;
        }
        let after_comma = i > 0 && toks[i - 1].is_punct(",");
        let sub = matches!(
            t.lower.as_str(),
            "while" | "whereas" | "although" | "though" | "because" | "but"
        );
        if sub && (after_comma || t.lower != "but") && i > 0 {
            starts.push(i);
            continue;
        }
        // a complement or adverbial clause with its own subject: "recalled that the kingdom
        // gained …", "since Sudan gained …", "when it became …"
        let opener = match t.lower.as_str() {
            // "announced today that …"
            "that" => {
                i > 0
                    && vgs.iter().any(|v| {
                        v.finite
                            && !v.relative
                            && (v.end == i
                                || (v.end + 1 == i
                                    && matches!(
                                        toks[i - 1].lower.as_str(),
                                        "today" | "yesterday" | "recently" | "again" | "also"
                                    )))
                    })
            }
            "since" | "after" | "before" | "when" | "until" | "once" => i > 0,
            // "underwent a delicate transition as Joaquim CHISSANO stepped down"
            // (not an aside after a comma: "The canal, as the expansion was dubbed, was …")
            "as" => {
                i > 0
                    && !toks[i - 1].is_punct(",")
                    && !matches!(
                        toks[i - 1].lower.as_str(),
                        "such" | "so" | "same" | "well" | "as" | "regarded" | "known"
                    )
            }
            _ => false,
        };
        // not inside brackets, where the clause would run past the closing bracket
        let open = toks[..i].iter().filter(|x| x.is_punct("(")).count()
            > toks[..i].iter().filter(|x| x.is_punct(")")).count();
        if opener && !open {
            let that = t.lower == "that";
            // inside a bracket opened in the subject so far
            let inside = |j: usize| {
                let b = &toks[i + 1..j];
                b.iter().filter(|x| x.is_punct("(")).count()
                    > b.iter().filter(|x| x.is_punct(")")).count()
            };
            let mut j = i + 1;
            while j < n
                && j < i + if that { 20 } else { 8 }
                && (toks[j].nominal()
                    // "that the contingent in the Mission in Rwanda (UNAMIR II) would be …"
                    || (that
                        && j > i + 1
                        && matches!(toks[j].lower.as_str(), "of" | "in" | "for" | "on" | "from")
                        && toks
                            .get(j + 1)
                            .is_some_and(|x| x.tag == Tag::Det || x.nominal()))
                    || (that && toks[j].is_punct("(") && !inside(j))
                    || (that && toks[j].is_punct(")") && inside(j))
                    || matches!(toks[j].tag, Tag::Det | Tag::Poss | Tag::Adj | Tag::Num)
                    || (toks[j].tag == Tag::Adv
                        && toks.get(j + 1).is_some_and(|x| x.tag == Tag::Num))
                    || subject_pronoun(&toks[j]))
            {
                j += 1;
            }
            // the subject ends in a noun or pronoun ("after long talks" has none)
            if j > i + 1
                && toks[i + 1].tag != Tag::Num
                && !(toks[i + 1].tag == Tag::Adv && toks[i + 2].tag == Tag::Num && t.lower != "that")
                && !inside(j)
                && (matches!(toks[j - 1].tag, Tag::Noun | Tag::Propn)
                    || (that && toks[j - 1].is_punct(")"))
                    || subject_pronoun(&toks[j - 1]))
                // a bare "-s" verb needs a sure subject ("after long talks in …" is a noun)
                && j < n
                && (toks[j].tag != Tag::Verb(VerbForm::Pres3)
                    || toks[i + 1..j].iter().any(|x| {
                        matches!(x.tag, Tag::Det | Tag::Poss | Tag::Propn)
                            || subject_pronoun(x)
                    }))
                && vgs.iter().any(|v| v.start == j && v.finite && !v.relative)
            {
                starts.push(i);
                continue;
            }
        }
        // "and" + a noun phrase + a finite verb after a finite verb of this clause starts a second
        // clause: "Australia had made $80,000 available and a further $250,000 would be made …"
        if !after_comma && t.tag == Tag::Conj && matches!(t.lower.as_str(), "and" | "but") {
            let cur = *starts.last().unwrap_or(&0);
            let verb_before = vgs
                .iter()
                .any(|v| v.start >= cur && v.end <= i && v.finite && !v.relative);
            let mut j = i + 1;
            while j < n
                && j < i + 9
                && (toks[j].nominal()
                    || matches!(toks[j].tag, Tag::Det | Tag::Poss)
                    || (toks[j].tag == Tag::Adv
                        && toks
                            .get(j + 1)
                            .is_some_and(|x| x.tag == Tag::Num || x.is_currency()))
                    || toks[j].is_currency()
                    || (toks[j].is("of") && j > i + 1))
            {
                j += 1;
            }
            let np = j > i + 1
                && matches!(toks[j - 1].tag, Tag::Noun | Tag::Propn | Tag::Num)
                && toks[i + 1..j]
                    .iter()
                    .any(|x| matches!(x.tag, Tag::Det | Tag::Poss | Tag::Num));
            // a bare name needs an unambiguous finite verb after it ("resigned in February
            // 2018 and ABIY Ahmed Ali took office"), not a participle ("the treaty between Japan
            // and Korea signed in 1965")
            let name = j > i + 1
                && i > 0
                && toks[i - 1].tag != Tag::Propn
                && toks[i + 1..j].iter().all(|x| x.tag == Tag::Propn)
                && toks.get(j).is_some_and(|x| {
                    matches!(
                        x.tag,
                        Tag::Verb(VerbForm::Past) | Tag::Modal | Tag::Have | Tag::Be
                    )
                });
            if verb_before
                && (np || name)
                && vgs.iter().any(|v| v.start == j && v.finite && !v.relative)
            {
                starts.push(i);
                continue;
            }
        }
        if after_comma && t.tag == Tag::Conj {
            // ", and" starts a clause when a finite verb follows before the next comma, and the
            // clause so far has its own ("A, B, and C hindered …" is one subject)
            let cur = *starts.last().unwrap_or(&0);
            if !vgs.iter().any(|v| v.start >= cur && v.end <= i && v.finite) {
                continue;
            }
            let mut j = i + 1;
            let mut has_vg = false;
            while j < n && !toks[j].is_punct(",") && !toks[j].is_punct(";") {
                if vgs.iter().any(|v| v.start == j && v.finite && !v.relative) {
                    has_vg = true;
                    break;
                }
                j += 1;
            }
            if has_vg {
                starts.push(i);
            }
        }
    }
    starts.dedup();
    let mut clause = vec![0; n];
    let mut ranges = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(n);
        for c in clause.iter_mut().take(e).skip(s) {
            *c = k;
        }
        ranges.push((s, e));
    }
    (clause, ranges)
}

impl<'a> Sent<'a> {
    pub fn span_text(&self, a: usize, b: usize) -> &'a str {
        if a >= b || b > self.toks.len() {
            return "";
        }
        &self.text[self.toks[a].start..self.toks[b - 1].end]
    }

    /// Join tokens [a,b) but leave out [x,y).
    fn text_without(&self, a: usize, b: usize, x: usize, y: usize) -> String {
        let mut s = String::new();
        if a < x.min(b) {
            s.push_str(self.span_text(a, x.min(b)));
        }
        if y.max(a) < b {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(self.span_text(y.max(a), b));
        }
        s
    }

    pub fn clause_range(&self, tok: usize) -> (usize, usize) {
        self.clauses[self.clause[tok.min(self.clause.len().saturating_sub(1))]]
    }

    /// The first token after a time word that opens [a,b) without a comma, with its
    /// parenthesis: "today (Thursday) Argentina …" → the index of "Argentina"; else `a`.
    fn after_fronted_time(&self, a: usize, b: usize) -> usize {
        if !matches!(
            self.toks[a].lower.as_str(),
            "today" | "yesterday" | "tomorrow"
        ) {
            return a;
        }
        let mut j = a + 1;
        if self.toks.get(j).is_some_and(|x| x.is_punct("("))
            && let Some(c) = (j..b).find(|&x| self.toks[x].is_punct(")"))
        {
            j = c + 1;
        }
        if j < b
            && matches!(
                self.toks[j].tag,
                Tag::Propn | Tag::Det | Tag::Pron | Tag::Poss
            )
        {
            j
        } else {
            a
        }
    }

    /// Skip clause-initial connectors (", and", "while", "but").
    fn clause_body_start(&self, c: (usize, usize)) -> usize {
        let mut s = c.0;
        if s > 0
            && s + 1 < c.1
            && matches!(
                self.toks[s].lower.as_str(),
                "that" | "since" | "after" | "before" | "when" | "until" | "once" | "as"
            )
        {
            s += 1;
        }
        while s < c.1
            && (self.toks[s].tag == Tag::Conj
                || self.toks[s].is_punct(",")
                || (self.toks[s].tag == Tag::Sub
                    && matches!(
                        self.toks[s].lower.as_str(),
                        "while" | "whereas" | "although" | "though" | "because"
                    )))
        {
            s += 1;
        }
        s
    }

    /// The first finite main-clause verb group in a clause.
    pub fn main_vg(&self, c: (usize, usize)) -> Option<usize> {
        self.vgs
            .iter()
            .position(|v| v.start >= c.0 && v.start < c.1 && v.finite && !v.relative)
    }

    /// Is the relative clause of `w` restrictive (no comma before its pronoun)?
    fn restrictive(&self, w: &Vg) -> bool {
        let mut j = w.start;
        while j > 0 && self.toks[j - 1].tag == Tag::Adv {
            j -= 1;
        }
        j >= 1 && self.restrictive_at(j - 1)
    }

    /// Is the relative pronoun at `sub` restrictive (no comma before it)?
    fn restrictive_at(&self, sub: usize) -> bool {
        !(sub > 0 && self.toks[sub - 1].is_punct(","))
    }

    /// The antecedent noun phrase of a relative pronoun at `sub`.
    pub fn antecedent(&self, sub: usize) -> Option<(usize, usize)> {
        let mut j = sub;
        // a restrictive relative belongs to the nearest noun: "in the wake of the earthquakes
        // that struck …" (the earthquakes struck, not the wake)
        let restrictive = self.restrictive_at(sub);
        if !restrictive {
            j -= 1;
        }
        // skip a parenthesis: "Conference on African Development (TICAD III), which …"
        if j > 0
            && self.toks[j - 1].is_punct(")")
            && let Some(o) = (0..j - 1).rev().find(|&k| self.toks[k].is_punct("("))
        {
            j = o;
        }
        let end = j;
        while j > 0 {
            let t = &self.toks[j - 1];
            let ok = t.nominal()
                || matches!(t.tag, Tag::Det | Tag::Poss | Tag::Clitic)
                || (t.is("of")
                    && !restrictive
                    && j >= 2
                    && self.toks[j - 2].nominal()
                    // "in the wake of Cyclone Ditwah, which …": the cyclone
                    && !matches!(
                        self.toks[j - 2].lower.as_str(),
                        "wake" | "aftermath" | "midst" | "face" | "light" | "occasion" | "context"
                    ))
                || (t.is("in")
                    && self.toks.get(j).is_some_and(|x| x.is_year())
                    && j >= 2
                    && self.toks[j - 2].nominal())
                || t.is_punct("\"")
                || (matches!(t.tag, Tag::Prep)
                    && matches!(t.lower.as_str(), "on" | "for" | "of")
                    && j >= 2
                    && self.toks[j - 2].tag == Tag::Propn
                    && self.toks.get(j).is_some_and(|x| x.tag == Tag::Propn));
            if !ok {
                break;
            }
            j -= 1;
        }
        (j < end
            && self.toks[j..end]
                .iter()
                .any(|t| matches!(t.tag, Tag::Noun | Tag::Propn)))
        .then_some((j, end))
    }

    /// Subject noun phrase of a verb group.
    pub fn subject_of(&self, vi: usize) -> Option<(usize, usize)> {
        let v = &self.vgs[vi];
        if v.relative {
            let mut j = v.start;
            while j > 0 && self.toks[j - 1].tag == Tag::Adv {
                j -= 1;
            }
            // the second verb of a relative clause ("which intensified … and made landfall")
            if j > 0 && self.toks[j - 1].is("and") && vi > 0 && self.vgs[vi - 1].relative {
                return self.subject_of(vi - 1);
            }
            // ", which left 138,000 dead" after a whole clause usually means the event, not the
            // noun before the comma ("Cyclone Nargis struck Burma, which left …")
            let event_verb = matches!(
                self.toks[v.main].lemma.as_str(),
                "leave"
                    | "cause"
                    | "result"
                    | "lead"
                    | "prompt"
                    | "trigger"
                    | "spark"
                    | "bring"
                    | "mark"
                    | "kill"
                    | "force"
                    | "claim"
                    | "destroy"
                    | "displace"
                    | "affect"
            );
            if event_verb
                && j >= 2
                && self.toks[j - 1].is("which")
                && self.toks[j - 2].is_punct(",")
                && self
                    .vgs
                    .iter()
                    .any(|w| w.finite && !w.relative && w.end < j - 1)
            {
                return None;
            }
            return self.antecedent(j - 1);
        }
        let c = self.clause_range(v.start);
        // "The United States took over the project in 1904 and opened the canal": a verb right
        // after "and" shares the subject of the finite verb before it
        if v.finite && vi > 0 {
            let mut j = v.start;
            while j > c.0 && self.toks[j - 1].tag == Tag::Adv {
                j -= 1;
            }
            let p = &self.vgs[vi - 1];
            if j > c.0
                && matches!(self.toks[j - 1].lower.as_str(), "and" | "but")
                && p.finite
                && !p.relative
                && p.start >= c.0
                && p.end < j - 1
            {
                return self.subject_of(vi - 1);
            }
        }
        if !v.finite {
            // a participle or gerund shares the subject of the clause's main verb
            let m = self.vgs[..vi]
                .iter()
                .rposition(|w| w.finite && !w.relative && w.start >= c.0)?;
            return self.subject_of(m);
        }
        let s = self.clause_body_start(c);
        if s >= v.start {
            // shared subject: ", and proposed to ..."
            if self.clause[v.start] > 0 {
                let pc = self.clauses[self.clause[v.start] - 1];
                let m = self.main_vg(pc)?;
                return self.subject_of(m);
            }
            return None;
        }
        // segments separated by commas
        let mut segs: Vec<(usize, usize)> = Vec::new();
        let mut a = s;
        let mut depth = 0;
        for k in s..v.start {
            let t = &self.toks[k];
            if t.is_punct("(") {
                depth += 1;
            } else if t.is_punct(")") {
                depth -= 1;
            }
            if !t.is_punct(",") || depth > 0 {
                continue;
            }
            // "A meeting of officials of the United Kingdom, New Zealand and Australian
            // Governments commenced": a list comma inside the noun phrase splits nothing
            // "today (Thursday) Argentina, the Bahamas, …": a time before the list
            let head = &self.toks[self.after_fronted_time(a, k)];
            let in_list = matches!(
                head.tag,
                Tag::Det | Tag::Poss | Tag::Propn | Tag::Noun | Tag::Adj | Tag::Num
            ) && !head.is("thanks")
                && self.list_after_comma(k, v.start).is_some();
            // "A third, wider lane of locks was …": a comma between two modifiers of one noun
            let modifiers = k >= 2
                && k + 2 < v.start
                && matches!(self.toks[k - 2].tag, Tag::Det | Tag::Poss)
                && k - 2 == a
                && !self.toks[k - 1].cap
                && matches!(self.toks[k - 1].tag, Tag::Adj | Tag::Noun)
                && !self.toks[k + 1].cap
                && self.toks[k + 1].tag == Tag::Adj
                && !(k + 1..v.start).any(|j| self.toks[j].tag == Tag::Punct);
            let in_list = in_list || modifiers;
            if !in_list {
                if a < k {
                    segs.push((a, k));
                }
                a = k + 1;
            }
        }
        if a < v.start {
            segs.push((a, v.start));
        }
        // "Samuel DOE, who was from the indigenous population, led …": a relative clause set off
        // after the subject
        while segs.len() > 1
            && segs
                .last()
                .is_some_and(|&(x, _)| matches!(self.toks[x].lower.as_str(), "who" | "which"))
        {
            segs.pop();
        }
        let first = *segs.first()?;
        let fronted = |seg: (usize, usize)| {
            let t = &self.toks[seg.0];
            if seg.1 == seg.0 + 1
                && matches!(
                    t.lower.as_str(),
                    "today"
                        | "yesterday"
                        | "tomorrow"
                        | "now"
                        | "recently"
                        | "meanwhile"
                        | "however"
                        | "additionally"
                        | "moreover"
                        | "furthermore"
                        | "also"
                        | "here"
                        | "currently"
                        | "subsequently"
                        | "later"
                        | "instead"
                )
            {
                return true;
            }
            // "Thanks in no small measure to the support of …, Steve and Peter were released"
            if t.lower == "thanks" && seg.1 > seg.0 + 1 {
                return true;
            }
            matches!(t.tag, Tag::Prep | Tag::Adv | Tag::Sub | Tag::To)
                || matches!(
                    t.tag,
                    Tag::Verb(VerbForm::Gerund | VerbForm::PastOrPart | VerbForm::PastPart)
                )
                // an adjective phrase: "Short of funds, Henry reissued …"
                || (t.tag == Tag::Adj
                    && self
                        .toks
                        .get(seg.0 + 1)
                        .is_some_and(|x| matches!(x.tag, Tag::Prep | Tag::To)))
        };
        let last = *segs.last()?;
        // a coordinated subject: "Large-scale emigration, economic dependence on South Africa,
        // and a prolonged civil war hindered …"
        let coordinated = segs.len() > 1
            && self.toks[last.0].tag == Tag::Conj
            && segs.iter().all(|&(x, y)| {
                !self.vgs.iter().any(|w| w.start >= x && w.start < y)
                    && !matches!(self.toks[x].tag, Tag::Prep | Tag::Sub | Tag::Adv | Tag::To)
            });
        // "…, Mr. Shinzo Abe, Prime Minister of Japan and President Aquino jointly declared": a
        // bare title is in apposition to the name before it
        let with_apposition = |seg: (usize, usize)| {
            let at = segs.iter().position(|&x| x == seg)?;
            let prev = *segs.get(at.checked_sub(1)?)?;
            let t0 = &self.toks[seg.0];
            let bare_title = t0.cap
                && t0.tag == Tag::Propn
                && crate::generate::lexicon::PERSON_TITLES.contains(t0.lower.as_str());
            let p0 = prev.0 + usize::from(self.toks[prev.0].is("the"));
            let named = p0 < prev.1
                && self.toks[p0..prev.1]
                    .iter()
                    .all(|x| x.cap || x.is_punct("."))
                && !fronted(prev);
            // the title alone adds nothing to the name; a coordination after it does
            let coordinated = self.toks[seg.0..seg.1].iter().any(|x| x.is("and"));
            (bare_title && named).then_some(if coordinated { (prev.0, seg.1) } else { prev })
        };
        let mut seg = if coordinated {
            (first.0, last.1)
        } else if segs.len() > 1 && fronted(first) {
            with_apposition(last).unwrap_or(last)
        } else {
            first
        };
        // strip a leading prepositional phrase without a comma: "In 2011 Japan and Russia"
        if self.toks[seg.0].tag == Tag::Prep {
            let mut k = seg.0 + 1;
            while k < seg.1
                && (matches!(self.toks[k].tag, Tag::Det | Tag::Adj | Tag::Noun | Tag::Num)
                    // "In August 1936 the Convoy …"
                    || (k == seg.0 + 1
                        && super::lexicon::month_number(&self.toks[k].lower).is_some()
                        && self.toks.get(k + 1).is_some_and(|x| x.tag == Tag::Num)))
            {
                let boundary = k > seg.0 + 1 && self.toks[k].tag == Tag::Det;
                if boundary {
                    break;
                }
                k += 1;
                if self.toks[k - 1].is_year() {
                    break;
                }
            }
            // "In New Zealand I will attend …": a place, then a pronoun subject
            if let Some(p) = (k..seg.1).find(|&x| self.toks[x].tag != Tag::Propn)
                && p > k
                && p + 1 == seg.1
                && self.toks[p].tag == Tag::Pron
            {
                k = p;
            }
            if k < seg.1
                && matches!(
                    self.toks[k].tag,
                    Tag::Propn | Tag::Det | Tag::Noun | Tag::Num | Tag::Pron
                )
            {
                seg.0 = k;
            } else {
                return None;
            }
        }
        seg.0 = self.after_fronted_time(seg.0, seg.1);
        // strip a fronted time without a comma: "This morning the British Ambassador …"
        if matches!(
            self.toks[seg.0].lower.as_str(),
            "this" | "that" | "last" | "next" | "yesterday"
        ) && self.toks.get(seg.0 + 1).is_some_and(|x| {
            matches!(
                x.lower.as_str(),
                "morning" | "afternoon" | "evening" | "week" | "month" | "year"
            )
        }) && self.toks.get(seg.0 + 2).is_some_and(|x| {
            seg.0 + 2 < seg.1 && matches!(x.tag, Tag::Det | Tag::Propn | Tag::Pron)
        }) {
            seg.0 += 2;
        }
        while seg.0 < seg.1 && matches!(self.toks[seg.0].tag, Tag::Adv | Tag::Conj) {
            seg.0 += 1;
        }
        // drop a restrictive relative clause: "teams that were totaling 156 workers"
        if let Some(r) = (seg.0 + 1..seg.1).find(|&k| self.toks[k].tag == Tag::Sub) {
            seg.1 = r;
        }
        // a dash that opened an aside ("violent extremists - who … - have been")
        while seg.1 > seg.0
            && (self.toks[seg.1 - 1].is_punct("-") || self.toks[seg.1 - 1].is_punct("--"))
        {
            seg.1 -= 1;
        }
        // a subject holds no finite verb of its own, and no other clause's finite verb stands
        // between it and its verb ("The Minister confirmed that the contingent … would be
        // withdrawn": "would be withdrawn" is not the Minister's)
        let blocking = |seg: (usize, usize)| {
            self.vgs.iter().rposition(|w| {
                w.finite
                    && w.start >= seg.0
                    && w.start < v.start
                    && (w.start < seg.1 || !w.relative)
                    && !self.parenthetical(w, seg.1, v.start)
            })
        };
        if let Some(w) = blocking(seg) {
            // "Although the armistice … ended the fighting, it took six months": the subject is
            // the segment after that verb's clause
            let last = *segs.last()?;
            if last.0 > self.vgs[w].end
                && last != seg
                && blocking(last).is_none()
                && matches!(
                    self.toks[last.0].tag,
                    Tag::Det | Tag::Propn | Tag::Pron | Tag::Poss | Tag::Num | Tag::Noun | Tag::Adj
                )
            {
                seg = with_apposition(last)
                    .filter(|&x| blocking(x).is_none())
                    .unwrap_or(last);
            } else {
                return None;
            }
        }
        // a subject is a noun phrase: not a relative pronoun ("who since 1983 had been"), not a
        // lone adjective ("First is to welcome"), not ending in a verb
        let st = &self.toks[seg.0..seg.1];
        let n = st.len();
        let head = |t: &Tok<'_>| matches!(t.tag, Tag::Noun | Tag::Propn | Tag::Pron | Tag::Num);
        if n == 0
            || matches!(st[0].tag, Tag::Sub | Tag::Prep | Tag::To)
            // "the appeal" (an adjective-looking noun after a determiner) is a noun phrase
            || !(st.iter().any(head)
                || (n >= 2 && matches!(st[n - 2].tag, Tag::Det | Tag::Poss)))
            || st.last().is_some_and(|t| matches!(t.tag, Tag::Verb(_)))
            || (n == 1
                && matches!(
                    st[0].lower.as_str(),
                    "first" | "second" | "third" | "next" | "last" | "finally"
                ))
        {
            return None;
        }
        Some(seg)
    }

    /// Is the verb group `w`, between a subject ending at `subj_end` and its verb at `verb`, an
    /// aside between commas: a participle ("The team, led by …, arrived") or a clause opened by
    /// a subordinator ("The canal, as the expansion was dubbed, was opened")?
    fn parenthetical(&self, w: &Vg, subj_end: usize, verb: usize) -> bool {
        let Some(open) = (subj_end.min(w.start)..w.start)
            .rev()
            .find(|&k| self.toks[k].is_punct(","))
        else {
            return false;
        };
        if !self.toks[w.end..verb].iter().any(|t| t.is_punct(",")) {
            return false;
        }
        let first = &self.toks[open + 1];
        let participle = open + 1 == w.start
            && w.aux.is_none()
            && self.toks[w.main].tag == Tag::Verb(VerbForm::PastOrPart)
            // a participle takes no object ("signed on 11 November", not "ended the fighting")
            && self.toks.get(w.end).is_none_or(|x| {
                !matches!(x.tag, Tag::Det | Tag::Poss | Tag::Num | Tag::Propn | Tag::Noun)
            });
        participle || matches!(first.tag, Tag::Sub | Tag::Prep) || first.is("as")
    }

    /// Is the verb group in a past tense ("was held", "had signed", "signed")?
    pub fn past(&self, w: &Vg) -> bool {
        matches!(
            self.toks[w.start].lower.as_str(),
            "was" | "were" | "had" | "did"
        ) || (w.aux.is_none()
            && matches!(
                self.toks[w.main].tag,
                Tag::Verb(VerbForm::Past | VerbForm::PastOrPart)
            ))
    }

    /// Is the subject plural?
    pub fn plural(&self, s: (usize, usize)) -> bool {
        let toks = &self.toks[s.0..s.1];
        if toks.iter().any(|t| t.is("and")) {
            return true;
        }
        // head: last nominal before "of"
        let head_end = toks
            .iter()
            .position(|t| t.is("of") || t.tag == Tag::Prep)
            .unwrap_or(toks.len());
        let head = toks[..head_end].iter().rev().find(|t| t.nominal());
        head.is_some_and(|h| {
            let l = &h.lower;
            (l.ends_with('s')
                && !l.ends_with("ss")
                && !l.ends_with("us")
                && !l.ends_with("is")
                && h.tag != Tag::Propn)
                || matches!(
                    l.as_str(),
                    "people" | "youth" | "police" | "children" | "men" | "women"
                )
                || (h.tag == Tag::Propn && l.ends_with("ies"))
        }) || toks
            .first()
            .is_some_and(|t| matches!(t.lower.as_str(), "these" | "those" | "they" | "we"))
    }

    /// Noun phrase text suitable inside a question (lower-cased at sentence start, "the" added
    /// before institutions, "X in 2008" → "the 2008 X").
    pub fn np_text(&self, s: (usize, usize)) -> String {
        let toks = &self.toks[s.0..s.1];
        let mut text = self.span_text(s.0, s.1).to_string();
        // "G8 Summit in 2008" -> "the 2008 G8 Summit"
        let n = toks.len();
        if n >= 3 && toks[n - 1].is_year() && toks[n - 2].is("in") && toks[0].tag == Tag::Propn {
            let head = self.span_text(s.0, s.1 - 2);
            text = format!("the {} {}", toks[n - 1].text, head);
            return text;
        }
        let first = &toks[0];
        if first.tag == Tag::Propn
            && toks
                .iter()
                .take_while(|t| t.tag == Tag::Propn || t.tag == Tag::Num)
                .last()
                .is_some_and(|t| INSTITUTION_NOUNS.contains(t.lower.as_str()))
        {
            return format!("the {text}");
        }
        // a title before a name keeps its capital ("Gen. Ne Win", "President Lee")
        // (or an office: "Secretary of State Marco Rubio")
        let titled = crate::generate::lexicon::PERSON_TITLES.contains(first.lower.as_str())
            && toks
                .iter()
                .skip(1)
                .find(|t| !t.is_punct("."))
                .is_some_and(|t| {
                    t.cap
                        || ((t.is("of") || t.is("for"))
                            && toks.get(2).is_some_and(|x| x.cap && x.tag == Tag::Propn))
                });
        // a known place keeps its capital at the start of a sentence ("Australia will provide")
        // and so does its people's name ("Mongolians elected …")
        let place = || {
            let g = &super::gazetteer::GAZETTEER;
            first.cap
                && (g.lookup(first.text.trim_end_matches("'s")).is_some()
                    || first
                        .text
                        .strip_suffix("ns")
                        .is_some_and(|stem| stem.ends_with('a') && g.lookup(stem).is_some()))
        };
        // part of a name ("Mount Rombongan", "Lake Toba")
        let named = first.cap
            && first.tag == Tag::Noun
            && toks.get(1).is_some_and(|t| t.tag == Tag::Propn && t.cap);
        if s.0 == 0
            && first.tag != Tag::Propn
            && !titled
            && !named
            && !first.text.chars().skip(1).any(|c| c.is_uppercase())
            && !place()
        {
            let mut c = text.chars();
            if let Some(f) = c.next() {
                text = f.to_lowercase().collect::<String>() + c.as_str();
            }
        }
        text
    }

    /// Find the verb group that governs tokens [a,b): Case A (the answer is in the subject) returns
    /// (vg, true); Case B (the answer follows its verb) returns (vg, false).
    pub fn governing(&self, a: usize, b: usize) -> Option<(usize, bool)> {
        let c = self.clause_range(a);
        if let Some(m) = self.main_vg(c)
            && self.vgs[m].start >= b
            && let Some(subj) = self.subject_of(m)
        {
            // the subject with a phrase set off after it ("Miltiades, the Athenian general,")
            if a >= subj.0 && (b <= subj.1 || (a == subj.0 && b == self.vgs[m].start)) {
                return Some((m, true));
            }
            if a >= subj.1 && b <= self.vgs[m].start {
                // inside a relative clause attached to the subject
                if let Some(r) = self
                    .vgs
                    .iter()
                    .rposition(|v| v.relative && v.start >= subj.1 && v.end <= a)
                {
                    let lemma = self.toks[self.vgs[r].main].lemma.as_str();
                    let containment = self.toks[self.vgs[r].main].tag == Tag::Be
                        || matches!(
                            lemma,
                            "be" | "total"
                                | "comprise"
                                | "number"
                                | "include"
                                | "contain"
                                | "consist"
                                | "have"
                                | "count"
                        );
                    if !containment {
                        return Some((r, false));
                    }
                }
                return Some((m, true));
            }
            if b <= subj.0 {
                // answer in a fronted adverbial: governed by the main verb, unless a participle
                // or gerund inside it comes first ("In an election featuring 90 parties, …"), or
                // a relative clause ("Following protests that began in 2015, …")
                if let Some(w) = self.vgs.iter().rposition(|w| {
                    (!w.finite || (w.relative && self.restrictive(w)))
                        && w.start >= c.0
                        && w.end <= a
                }) {
                    return Some((w, false));
                }
                return Some((m, false));
            }
        }
        // not a verb inside a clause set off by commas that closes before the answer ("Traffic has
        // risen from 1,000 ships in 1914, when the canal opened, to 14,702 vessels")
        let set_off = |v: &Vg| {
            let open = (c.0.saturating_sub(1)..v.start)
                .rev()
                .find(|&k| self.toks[k].is_punct(","));
            open.is_some_and(|o| {
                self.toks.get(o + 1).is_some_and(|x| x.tag == Tag::Sub)
                    && (v.end..a).any(|k| self.toks[k].is_punct(","))
            })
        };
        let v = self
            .vgs
            .iter()
            .rposition(|v| v.end <= a && v.start >= c.0 && !set_off(v))?;
        Some((v, false))
    }

    /// End of the complement after the answer: cut at clause-level punctuation and connectors.
    /// The end of a coordination of words that the comma at `c` continues ("humanitarian,
    /// emergency and refugee programs"), when the word before the comma is a noun or adjective
    /// and no verb or preposition comes before the coordination closes.
    fn list_after_comma(&self, c: usize, end: usize) -> Option<usize> {
        let word = |x: &Tok<'_>| matches!(x.tag, Tag::Adj | Tag::Noun | Tag::Propn);
        if c == 0 || !word(&self.toks[c - 1]) {
            return None;
        }
        let mut j = c + 1;
        let mut joined = false;
        let mut words = 0;
        let mut item = j;
        while j < end {
            let x = &self.toks[j];
            if x.is("and") || x.is("or") {
                // "Bosnia and Herzegovina": a name with "and" in it
                let mut e = j + 1 + usize::from(self.toks.get(j + 1).is_some_and(|y| y.is("the")));
                while e < end && self.toks[e].tag == Tag::Propn {
                    e += 1;
                }
                let a = item + usize::from(self.toks[item].is("the"));
                if x.is("and")
                    && e > j + 1
                    && a < j
                    && crate::generate::gazetteer::GAZETTEER
                        .lookup(self.span_text(a, e))
                        .is_some()
                {
                    words += 1;
                    j = e;
                    continue;
                }
                if joined || words == 0 {
                    return None;
                }
                joined = true;
                item = j + 1;
            } else if x.is_punct(",") {
                if joined {
                    break;
                }
                item = j + 1;
            } else if word(x)
                // "Argentina, the Bahamas": a name list may have "the" before a name
                || (x.is("the") && j == item && self.toks[c - 1].tag == Tag::Propn)
            {
                words += 1;
            } else {
                break;
            }
            j += 1;
        }
        (joined && word(&self.toks[j - 1])).then_some(j)
    }

    fn complement_end(
        &self,
        from: usize,
        clause_end: usize,
        skip_siblings_of: Option<Tag>,
    ) -> (usize, usize) {
        let mut k = from;
        if let Some(kind) = skip_siblings_of {
            // skip ", 400 dosimeters, and 5,000 masks"
            loop {
                let mut j = k;
                while j < clause_end
                    && (self.toks[j].is_punct(",") || self.toks[j].tag == Tag::Conj)
                {
                    j += 1;
                }
                if j > k && j < clause_end && self.toks[j].tag == kind {
                    let mut e = j + 1;
                    while e < clause_end
                        && (self.toks[e].nominal()
                            || (self.toks[e].is("of")
                                && e + 1 < clause_end
                                && self.toks[e + 1].nominal()))
                    {
                        e += 1;
                    }
                    // "66 Imperial States representing the interests of 140 Imperial States"
                    if e < clause_end && self.toks[e].tag == Tag::Verb(VerbForm::Gerund) {
                        while e < clause_end && !self.toks[e].is_punct(",") {
                            e += 1;
                        }
                    }
                    k = e;
                    continue;
                }
                break;
            }
        }
        let resume = k;
        let mut e = k;
        while e < clause_end {
            let t = &self.toks[e];
            let two =
                |w1: &str, w2: &str| t.is(w1) && self.toks.get(e + 1).is_some_and(|x| x.is(w2));
            // "and [then] passed …": a second verb phrase
            let conj_verb = t.tag == Tag::Conj
                && self.toks[e + 1..]
                    .iter()
                    .find(|x| x.tag != Tag::Adv)
                    .is_some_and(|x| x.is_verbal());
            // "for international humanitarian, emergency and refugee programs": a list comma
            // inside a noun phrase does not end it
            if t.is_punct(",")
                && e > resume
                && let Some(end) = self.list_after_comma(e, clause_end)
            {
                e = end;
                continue;
            }
            if conj_verb
                || t.is_punct(",")
                || t.is_punct(";")
                || t.is_punct(":")
                || t.is_punct("--")
                || t.is_punct("(")
                || (t.tag == Tag::Sub && !t.is("that"))
                || two("as", "well")
                || two("along", "with")
                || two("such", "as")
                || t.is("including")
                || t.is("etc")
            {
                break;
            }
            e += 1;
        }
        // a connective or preposition left hanging before the cut ("won a second term in 2006
        // but, following …", "relations as from …"); not a particle right after the verb
        // ("faced off")
        while e > resume
            && (self.toks[e - 1].tag == Tag::Conj
                || (matches!(self.toks[e - 1].tag, Tag::Prep | Tag::To) && e - 1 > resume)
                // a participle whose clause the cut leaves out ("a final Note stating that, unless
                // …"), and the "that" before an inserted clause
                || (e - 1 > resume
                    && ((self.toks[e - 1].tag == Tag::Verb(VerbForm::Gerund)
                        && self.toks.get(e).is_some_and(|x| x.is("that")))
                        || (self.toks[e - 1].is("that")
                            && self.toks.get(e).is_some_and(|x| x.is_punct(",")))))
                || (self.toks[e - 1].tag == Tag::Sub && !self.toks[e - 1].is("that"))
                || matches!(self.toks[e - 1].text, "..." | "…" | "-" | "--" | "—"))
        {
            e -= 1;
        }
        (resume, e)
    }

    /// Start of a coordination of items that ends with the item starting at `a`
    /// ("17,200 blankets, 400 dosimeters, and [5,000 masks]" → the index of "17,200").
    pub fn coordination_start(&self, a: usize) -> usize {
        let t = &self.toks;
        let kind = t.get(a).map(|x| x.tag);
        let mut start = a;
        let mut k = a;
        loop {
            // expect ", and" / "and" / ","
            let mut j = k;
            while j > 0
                && (t[j - 1].is_punct(",")
                    || (t[j - 1].tag == Tag::Conj && t[j - 1].lower == "and"))
            {
                j -= 1;
            }
            if j == k || j == 0 {
                return start;
            }
            // walk over the previous item (nominal tokens and "of")
            let mut i = j;
            while i > 0 && (t[i - 1].nominal() || t[i - 1].is("of")) {
                i -= 1;
            }
            // the item starts at the rightmost token of the same kind
            let Some(p) = (i..j).rev().find(|&p| Some(t[p].tag) == kind) else {
                return start;
            };
            start = p;
            k = p;
        }
    }

    /// Build a wh-question whose answer is tokens [a,b).
    pub fn wh_question(&self, a: usize, b: usize, spec: &WhSpec, ctx: &QCtx) -> Option<String> {
        let (vi, in_subject) = self.governing(a, b)?;
        let v = &self.vgs[vi];
        // "Prime Minister Abe pledged at … that Japan would …": a name followed by a verb is a
        // clause, not a subject
        if let Some(subj) = self.subject_of(vi) {
            let st = &self.toks[subj.0..subj.1];
            if let Some(j) = st.iter().position(|t| matches!(t.tag, Tag::Verb(_)))
                && j > 0
                && st[..j]
                    .iter()
                    .enumerate()
                    .all(|(k, t)| t.tag == Tag::Propn || (k == 0 && t.is("the")))
                && st[..j].iter().any(|t| t.tag == Tag::Propn)
                && st
                    .get(j + 1)
                    .is_some_and(|t| t.tag != Tag::Prep || !t.is("by"))
            {
                return None;
            }
        }
        let c = self.clause_range(v.start);
        // "determined that …": the verb's complement is the next clause, so the question would
        // lose it ("When did the department determine?")
        if (v.end == c.1 || (v.end + 1 == c.1 && self.toks[v.end].tag == Tag::Adv))
            && self.toks.get(c.1).is_some_and(|x| x.is("that"))
        {
            return None;
        }
        let mut drop_a = a.saturating_sub(spec.drop_before);
        if spec.skip_siblings {
            drop_a = self.coordination_start(drop_a).min(drop_a);
        }
        let mut words: Vec<String> = self.toks[v.start..v.end]
            .iter()
            .map(|t| t.text.to_string())
            .collect();
        let sibling = if spec.skip_siblings {
            Some(self.toks[a].tag)
        } else {
            None
        };
        let future = words
            .iter()
            .any(|w| w.eq_ignore_ascii_case("will") || w.eq_ignore_ascii_case("shall"));
        // years mentioned in the clause: to decide whether a future event is past now
        let years: Vec<i32> = self.toks[c.0..c.1]
            .iter()
            .filter(|t| t.is_year())
            .filter_map(|t| t.text.parse().ok())
            .collect();
        let past_now = future
            && ctx
                .today_year
                .is_some_and(|ty| !years.is_empty() && years.iter().all(|&y| y < ty));
        let mut prefix = "";
        if in_subject {
            let (_, end) = self.complement_end(v.end, c.1, None);
            let comp = self.span_text(v.end, end);
            if future && past_now {
                words = to_past(&words, true);
            } else if future {
                prefix = "According to the document, ";
            }
            let q = format!(
                "{prefix}{} {} {}",
                wh_after(prefix, &spec.wh),
                words.join(" "),
                comp
            );
            return Some(finish(&q));
        }
        // Case B: subject-auxiliary inversion.
        let subj = self.subject_of(vi)?;
        if subj.0 < b && subj.1 > drop_a {
            return None;
        }
        let subj_text = self.np_text(subj);
        // a clause taken for the subject ("the Sudanese military organized a takeover")
        if (subj.0 + 1..subj.1.saturating_sub(1)).any(|k| {
            matches!(
                self.toks[k].tag,
                Tag::Verb(VerbForm::Past | VerbForm::PastOrPart | VerbForm::Pres3)
            ) && self.toks[k - 1].tag == Tag::Noun
                && self.toks[k + 1].tag == Tag::Det
        }) {
            return None;
        }
        // a fronted phrase taken for the subject ("Instead of handing over power, the junta …")
        if self.toks[subj.0].tag == Tag::Prep || self.toks[subj.0].is("instead") {
            return None;
        }
        // "Which countries have there been cases in?": only counts go with an expletive subject
        if subj_text.eq_ignore_ascii_case("there")
            && ["Which", "What", "Who"]
                .iter()
                .any(|w| spec.wh.split(' ').next() == Some(*w))
        {
            return None;
        }
        if subj_text.is_empty() {
            return None;
        }
        let plural = self.plural(subj);
        // complement: after the verb group, without the answer
        let mut comp = if b <= v.start {
            let (_, after) = self.complement_end(v.end, c.1, None);
            self.span_text(v.end, after).to_string()
        } else {
            let (resume, after) = self.complement_end(b, c.1, sibling);
            let comp_start = if v.end <= drop_a { v.end } else { b };
            // the answer cut out of a larger noun phrase strands its determiner or modifier
            // ("a contribution of _ to help", "in all _ countries", "the devastating _ magnitude
            // earthquake") or its possessive ("_'s foreign debt")
            if drop_a > comp_start && self.toks[drop_a].tag != Tag::Prep {
                let l = &self.toks[drop_a - 1];
                // or the coordination it ends ("nursing mothers and _ children")
                if matches!(
                    l.tag,
                    Tag::Det | Tag::Poss | Tag::Adj | Tag::Clitic | Tag::Conj
                ) || matches!(l.tag, Tag::Verb(VerbForm::Gerund))
                    || (l.tag == Tag::Noun
                        && l.lower.ends_with("ing")
                        && drop_a >= 2
                        && matches!(self.toks[drop_a - 2].tag, Tag::Det | Tag::Poss))
                    || matches!(l.lower.as_str(), "of" | "all" | "both" | "each")
                {
                    return None;
                }
            }
            if resume < after && self.toks[resume].tag == Tag::Clitic {
                return None;
            }
            self.text_without(comp_start, after, drop_a, resume)
        };
        // a time phrase fronted before the subject goes to the end
        if self.main_vg(c).is_some_and(|m| m == vi) || !v.finite {
            let s = self.clause_body_start(c);
            if self.toks.get(s).is_some_and(|t| t.tag == Tag::Prep) && subj.0 > s {
                let fr = (s, subj.0);
                let fr_has_time = self.toks[fr.0..fr.1].iter().any(|t| t.is_year());
                let comma_free = !self.toks[fr.0..fr.1].iter().any(|t| t.is_punct(","));
                if fr_has_time && comma_free && !(a >= fr.0 && b <= fr.1) {
                    // before the sentence's full stop, which the question drops
                    comp = format!(
                        "{} {}",
                        comp.trim_end_matches(['.', ';', ':']).trim_end(),
                        lower_first_if_common(self.span_text(fr.0, fr.1))
                    );
                }
            }
        }
        // a gerund right after a noun modifies it ("groups representing 38 groups"): no clause
        // of its own to ask about
        if v.aux.is_none()
            && !v.finite
            && self.toks[v.main].tag == Tag::Verb(VerbForm::Gerund)
            && v.start > 0
            && matches!(
                self.toks[v.start - 1].tag,
                Tag::Noun | Tag::Propn | Tag::Num
            )
        {
            return None;
        }
        // a gerund of means ("will assist by buying 5,000 tonnes") is asked with its own verb
        // and the main verb's tense: "How many tonnes will the Government buy?"
        if v.aux.is_none()
            && !v.finite
            && self.toks[v.main].tag == Tag::Verb(VerbForm::Gerund)
            && v.start > 0
            && matches!(
                self.toks[v.start - 1].lower.as_str(),
                "by" | "through" | "without" | "upon" | "after" | "before"
            )
        {
            let lemma = self.toks[v.main].lemma.as_str();
            let m = self.main_vg(c).filter(|&m| m < vi)?;
            let mv = &self.vgs[m];
            if lemma.is_empty() || !self.toks[v.start - 1].is("by") {
                return None;
            }
            let aux = match mv.aux {
                Some(ax) if self.toks[ax].tag == Tag::Modal => self.toks[ax].text.to_string(),
                Some(_) => return None,
                None => match self.toks[mv.main].tag {
                    Tag::Verb(VerbForm::Past | VerbForm::PastOrPart) => "did".to_string(),
                    Tag::Verb(VerbForm::Pres3) => "does".to_string(),
                    _ => "do".to_string(),
                },
            };
            words = vec![aux, lemma.to_string()];
        }
        // a gerund that modifies the word before it ("evidence of their presence there dating
        // to …", "…, comprising …") has no clause of its own
        if v.aux.is_none()
            && !v.finite
            && self.toks[v.main].tag == Tag::Verb(VerbForm::Gerund)
            && words.len() == 1
            && v.start > 0
            && (self.toks[v.start - 1].tag == Tag::Pron || self.toks[v.start - 1].is_punct(","))
        {
            return None;
        }
        // borrow the auxiliary of the main verb for a participle or gerund
        if v.aux.is_none() && !v.finite && words.len() == 1 {
            if let Some(m) = self.main_vg(c).filter(|&m| m < vi) {
                let mv = &self.vgs[m];
                // "elections were held ending 17 years of …" is no "were … ending"
                if let Some(ax) = mv.aux.filter(|_| !mv.passive) {
                    let mut w = vec![self.toks[ax].text.to_string()];
                    w.extend(words);
                    words = w;
                } else {
                    return None;
                }
            } else {
                return None;
            }
        }
        if future && past_now {
            words = to_past(&words, !plural);
        } else if future {
            prefix = "According to the document, ";
        }
        // since + present → present perfect
        if spec.since {
            words = to_perfect(&words, plural);
        }
        // headline-style reduced passive: "Legislative elections held in November 2010, which
        // …, saw …" → "When were legislative elections held?"
        let mv = &self.toks[v.main];
        if v.aux.is_none()
            && v.end == v.start + 1
            && mv.tag == Tag::Verb(VerbForm::PastOrPart)
            && self
                .toks
                .get(v.end)
                .is_some_and(|x| x.tag == Tag::Prep && !x.is("of"))
            && ((v.start > 0
                && self.toks[v.start - 1].is_punct(",")
                && self.toks[..v.start - 1].iter().any(|x| x.nominal()))
                // an appositive participle is passive whatever its verb: "This side channel,
                // located at …, serves" → "Where is the side channel located?"
                || (self.toks[subj.0..subj.1]
                .iter()
                .all(|x| x.tag != Tag::Propn)
            && matches!(
                mv.lemma.as_str(),
                "hold"
                    | "sign"
                    | "build"
                    | "complete"
                    | "found"
                    | "elect"
                    | "adopt"
                    | "conclude"
                    | "launch"
                    | "publish"
                    | "release"
                    | "issue"
                    | "approve"
                    | "ratify"
                    | "form"
                    | "create"
                    | "open"
                    | "write"
                    | "draft"
                    | "initial"
                    | "negotiate"
                    | "announce"
                    | "make"
                    | "introduce"
                    | "pass"
                    | "enact"
                    | "conduct"
                    | "schedule"
                    | "establish"
                    | "discover"
                    | "appoint"
                    | "destroy"
                    | "dissolve"
            )))
        {
            // in the tense of the clause's own verb: "This side channel, located at …, serves"
            // → "is … located"
            let other = self.vgs.iter().enumerate().find(|&(m, w)| {
                m != vi && w.start >= c.0 && w.start < c.1 && w.finite && !w.relative
            });
            let present = other.is_some_and(|(_, w)| {
                let f = &self.toks[w.start];
                matches!(f.tag, Tag::Verb(VerbForm::Pres | VerbForm::Pres3))
                    || matches!(f.lower.as_str(), "is" | "are" | "has" | "have")
            });
            let be = match (present, plural) {
                (true, true) => "are",
                (true, false) => "is",
                (false, true) => "were",
                (false, false) => "was",
            };
            words = vec![be.to_string(), mv.text.to_string()];
        }
        let (aux, rest) = invert(&words, plural)?;
        let q = format!(
            "{prefix}{} {} {} {} {}",
            wh_after(prefix, &spec.wh),
            aux,
            subj_text,
            rest.join(" "),
            comp
        );
        Some(finish(&q))
    }
}

fn wh_after(prefix: &str, wh: &str) -> String {
    if prefix.is_empty() {
        wh.to_string()
    } else {
        lower_first_if_common(wh)
    }
}

fn lower_first_if_common(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// "will be held" → "was held"; "will hold" → "held".
fn to_past(words: &[String], singular: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].to_lowercase();
        if w == "will" || w == "shall" {
            if words.get(i + 1).is_some_and(|x| x == "be") {
                out.push(if singular { "was" } else { "were" }.to_string());
                i += 2;
                continue;
            }
            if let Some(next) = words.get(i + 1) {
                out.push(past_of(&next.to_lowercase()));
                i += 2;
                continue;
            }
        }
        out.push(words[i].clone());
        i += 1;
    }
    out
}

/// "is promoting" → "has been promoting"; "promotes" → "has promoted".
fn to_perfect(words: &[String], plural: bool) -> Vec<String> {
    let has = if plural { "have" } else { "has" };
    let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
    if matches!(first.as_str(), "is" | "are" | "am") {
        let mut out = vec![has.to_string(), "been".to_string()];
        out.extend(words[1..].iter().cloned());
        return out;
    }
    if matches!(
        first.as_str(),
        "has" | "have" | "had" | "was" | "were" | "did" | "will" | "would"
    ) {
        return words.to_vec();
    }
    if words.len() == 1
        && let Some((lemma, f)) = super::lexicon::verb_analysis(&first)
        && matches!(f, VerbForm::Pres | VerbForm::Pres3 | VerbForm::Base)
    {
        return vec![has.to_string(), participle_of(&lemma)];
    }
    words.to_vec()
}

/// Split a verb group into the fronted auxiliary and the rest (adding do-support).
fn invert(words: &[String], plural: bool) -> Option<(String, Vec<String>)> {
    let first = words.first()?;
    let fl = first.to_lowercase();
    let auxes = [
        "is", "are", "was", "were", "am", "has", "have", "had", "do", "does", "did", "will",
        "would", "can", "could", "shall", "should", "may", "might", "must",
    ];
    if auxes.contains(&fl.as_str()) {
        // "had" as a main verb ("had two summits") needs do-support
        if fl == "had" && words.len() == 1 {
            return Some(("did".into(), vec!["have".into()]));
        }
        if (fl == "has" || fl == "have") && words.len() == 1 {
            return Some((
                if fl == "has" { "does" } else { "do" }.into(),
                vec!["have".into()],
            ));
        }
        return Some((fl, words[1..].to_vec()));
    }
    let (lemma, form) = super::lexicon::verb_analysis(&fl)?;
    let aux = match form {
        VerbForm::Past | VerbForm::PastOrPart => "did",
        VerbForm::Pres3 => "does",
        VerbForm::Pres | VerbForm::Base => {
            if plural {
                "do"
            } else {
                "does"
            }
        }
        _ => return None,
    };
    let mut rest = vec![lemma];
    rest.extend(words[1..].iter().cloned());
    let _ = pres3_of;
    Some((aux.into(), rest))
}

/// Tidy spacing and punctuation, capitalise, end with "?".
pub fn finish(q: &str) -> String {
    let mut s = q.split_whitespace().collect::<Vec<_>>().join(" ");
    for (a, b) in [
        (" ,", ","),
        (" 's", "'s"),
        ("( ", "("),
        (" )", ")"),
        (" .", "."),
    ] {
        s = s.replace(a, b);
    }
    let s = s.trim_end_matches(|c: char| {
        c == ',' || c == '.' || c == ';' || c == ':' || c.is_whitespace()
    });
    // drop a dangling connector at the end
    let mut words: Vec<&str> = s.split(' ').collect();
    while words.len() > 2
        && matches!(
            words.last().map(|w| w.to_lowercase()).as_deref(),
            Some(
                "and"
                    | "or"
                    | "the"
                    | "of"
                    | "to"
                    | "in"
                    | "with"
                    | "by"
                    | "a"
                    | "an"
                    | "for"
                    | "that"
                    | "which"
                    | "from"
                    | "on"
                    | "at"
            )
        )
    {
        words.pop();
    }
    let s = words.join(" ");
    let s = s.trim_end_matches([',', ';', ':']);
    let mut c = s.chars();
    match c.next() {
        Some(f) => format!("{}{}?", f.to_uppercase(), c.as_str()),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str, ans: &str, wh: &str, drop: usize, today: Option<i32>) -> Option<String> {
        let sent = analyse(s, &HashSet::new());
        let words: Vec<&str> = ans.split(' ').collect();
        let a = sent.toks.iter().position(|t| t.text == words[0])?;
        let b = a + words.len();
        let spec = WhSpec {
            drop_before: drop,
            skip_siblings: true,
            since: wh.starts_with("Since"),
            ..WhSpec::new(wh)
        };
        sent.wh_question(a, b, &spec, &QCtx { today_year: today })
    }

    #[test]
    fn subject_questions() {
        assert_eq!(
            q("Two relief teams that were totaling 156 workers were dispatched to Japan, and relief materials were received.", "156 workers", "How many workers", 0, None).as_deref(),
            Some("How many workers were dispatched to Japan?")
        );
    }

    #[test]
    fn object_questions_with_do_support() {
        assert_eq!(
            q("In 2011 Japan and Russia had two summits and four meetings of foreign ministers along with active consultation.", "two summits", "How many summits", 0, None).as_deref(),
            Some("How many summits did Japan and Russia have in 2011?")
        );
    }

    #[test]
    fn relative_clause_place_and_tense() {
        let s = "G8 Summit in 2008, which will be held on the shore of the lake Toyako in Hokkaido, is a good opportunity.";
        assert_eq!(
            q(
                s,
                "the shore of the lake Toyako in Hokkaido",
                "Where",
                1,
                Some(2026)
            )
            .as_deref(),
            Some("Where was the 2008 G8 Summit held?")
        );
        assert_eq!(
            q(
                s,
                "the shore of the lake Toyako in Hokkaido",
                "Where",
                1,
                None
            )
            .as_deref(),
            Some("According to the document, where will the 2008 G8 Summit be held?")
        );
    }
}
