//! Closed word classes, a verb lexicon with irregular forms, and lemmatisation.
//!
//! Everything here is immutable data; lookups go through `LazyLock`ed hash sets built once.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

fn set(words: &'static str) -> HashSet<&'static str> {
    words.split_whitespace().collect()
}

pub static DETERMINERS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "the a an this that these those each every all both some any no another such its their his her \
         our your my whose either neither several many much few various numerous",
    )
});

pub static PREPOSITIONS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "of in on at to for from by with about against between among amongst into onto through during \
         before after above below under over within without across along around behind beyond near \
         toward towards upon via despite concerning regarding per amid throughout till until since like \
         than plus except beside besides inside outside off unlike following excluding versus totaling \
         totalling including",
    )
});

pub static CONJUNCTIONS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set("and or but nor yet"));

pub static SUBORDINATORS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "which who whom whose where when while whereas although though because if unless whether once \
         whenever wherever",
    )
});

pub static PRONOUNS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "it they them he she him we us i you itself themselves himself herself ourselves one ones \
         there something anything everything nothing someone anyone everyone",
    )
});

pub static POSSESSIVES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set("its their his her our your my"));

pub static MODALS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set("will would can could shall should may might must"));

pub static BE_FORMS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set("is are was were be been being am"));

pub static HAVE_FORMS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set("has have had having"));

pub static DO_FORMS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set("do does did"));

pub static ADVERBS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "not also indeed still already further jointly now then very more most less least only even just \
         however therefore thus hence particularly especially recently currently previously formally \
         officially initially originally eventually finally subsequently later soon again often always \
         never sometimes usually generally largely mainly mostly partly fully newly well together \
         successfully actively closely strongly greatly rapidly drastically steadily ever yet respectively \
         approximately nearly almost about roughly around some over up down out back away",
    )
});

/// Words that end in -ly but are not adverbs.
/// Adjectives that head a fronted phrase with a complement ("Short of funds, …", "Aware of the
/// risks, …") and are never verbs; as capitalised first words they would pass for nouns.
pub static PREDICATIVE_ADJECTIVES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "short aware unable eager mindful conscious proud confident keen afraid anxious unwilling \
         fearful",
    )
});

/// Adjectives that only modify a noun and are never nouns or verbs themselves: the word after
/// them is a noun ("other supplies", "various agencies").
pub static MODIFYING_ADJECTIVES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "other various numerous additional northern southern eastern western north-western \
             north-eastern south-western south-eastern northwestern northeastern southwestern \
             southeastern modern greater closer stronger deeper broader wider",
    )
});

pub static LY_NOT_ADVERB: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "supply apply reply rely ally fly july italy family assembly anomaly monopoly july holy \
         daily weekly monthly yearly early friendly lovely only multiply comply imply butterfly \
         rally belly jelly bully lily sly ply emily kelly reilly italy mcnally dastardly cowardly \
         elderly costly deadly lonely likely unlikely ugly orderly scholarly timely kindly lively \
         worldly stately unruly ghastly sickly leisurely quarterly hourly nightly bodily",
    )
});

/// Common nouns with an adjective's ending ("-al", "-ive", "-ic", "-ary"): "the canal", "the
/// festival", "the archive".
pub static SUFFIX_NOUNS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "military canal canals festival festivals hospital hospitals animal animals signal \
         signals rival rivals arrival arrivals proposal proposals approval approvals trial trials \
         journal journals tribunal tribunals cardinal cardinals admiral admirals arsenal arsenals \
         interval intervals ritual rituals terminal terminals manual manuals mineral minerals \
         portal portals removal renewal survival withdrawal referral disposal denial dismissal \
         refusal revival rehearsal recital memorial memorials pedestal archive archives \
         initiative initiatives objective objectives detective detectives motive motives \
         directive directives incentive incentives explosive explosives narrative narratives \
         perspective perspectives republic republics music clinic clinics topic topics logic \
         traffic mechanic mechanics critic critics epidemic epidemics pandemic pandemics panic \
         tactic tactics mosaic fabric logistic logistics secretary secretaries library libraries \
         boundary boundaries summary summaries salary salaries anniversary anniversaries \
         commentary dictionary emissary emissaries missionary missionaries dignitary dignitaries \
         beneficiary beneficiaries adversary adversaries sanctuary sanctuaries february january \
         itinerary glossary estuary estuaries diary diaries",
    )
});

/// Common nouns that look like verbs or adjectives in -ed/-ing but are nouns.
pub static NOT_VERB: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "meeting meetings building buildings beginning funding training spring thing things king kings \
         ring during morning evening wedding ceiling nothing something anything everything bed red \
         hundred hundreds need seed speed shed feed reed creed greed steed sled wed united interest \
         interests process processes means series species news area areas data base bases sense \
         understanding shipping housing setting settings opening offering ruling rulings hearing \
         hearings briefing briefings holding holdings landing landings feeling feelings warning \
         warnings wing wings string strings sibling siblings outing pudding heading headings ceiling \
         proceeding proceedings earnings belongings surroundings findings teaching teachings \
         painting paintings drawing drawings writing writings crossing crossings uprising uprisings \
         bombing bombings shooting shootings killing killings peacekeeping policing banking \
         engineering manufacturing marketing mining fishing farming logging poaching smuggling \
         counterterrorism hundredfold",
    )
});

/// Regular verb lemmas (base forms) commonly found in news, diplomatic and encyclopedic text.
pub static VERBS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "accept reserve cede concede step rise flow pass border comprise generate encompass drain accompany accomplish achieve acquire act adapt add address adjust administer admit adopt \
         advance advise advocate affect affirm agree aim allocate allow amend analyse analyze announce \
         annex answer appear apply appoint approve argue arrange arrest arrive ask assassinate assemble \
         assert assess assign assist assume assure attach attack attempt attend attract authorize \
         avoid award back ban base battle believe belong benefit block boost border call campaign \
         capture care carry cause cease celebrate change charge check claim clarify close coincide \
         collaborate collapse collect combine commemorate commence comment commit communicate compare \
         compete complete comply compose conclude condemn conduct confirm connect consider consist \
         consolidate constitute construct consult contain continue contribute control convene convert \
         cooperate coordinate count cover create cross crown damage debate declare decline decrease \
         dedicate defeat defend define delay deliver demand demonstrate deny deploy depend describe \
         design destroy detect determine develop die differ direct disappear discover discuss dismantle \
         dispatch display dissolve distribute divide document dominate donate double earn ease elect \
         eliminate embrace emerge emphasize emphasise employ enable encourage end endorse engage enhance \
         enjoy ensure enter equip erupt escape establish estimate evacuate evaluate evolve examine \
         exceed exchange execute exist expand expect experience explain explore export express extend \
         face facilitate fail favor favour finance finish focus follow force form formulate foster \
         fund gain gather govern grant greet guarantee handle happen harm head help host identify \
         ignore illustrate implement import impose improve include incorporate increase indicate \
         inform inhabit inherit initiate injure install institute integrate intend interact introduce \
         invade invest investigate invite involve issue join judge jump kill label lack last launch \
         learn liberate link list live locate look maintain manage manufacture march mark marry \
         measure mention merge migrate mine mobilize modernize monitor move name need negotiate \
         nominate note notify observe obtain occupy occur offer open operate oppose order organize \
         organise originate overthrow own participate pass perform permit persuade place plan play \
         pledge point possess post postpone prefer prepare present preserve press prevent proceed \
         process proclaim produce prohibit promise promote propose protect protest prove provide \
         publish pursue qualify raise rank ratify reach react realize realise receive recognize \
         recognise recommend record recover reduce refer reflect reform refuse regain regard register \
         regulate reign reinforce reject relate release rely remain remark remember remove rename \
         renew reopen repair repeat replace report represent request require rescue resign resist \
         resolve respect respond rest restore restrict result resume retain retire return reveal \
         review revise rule sail satisfy save score secure seem seize select separate serve settle \
         share ship sign signal situate solve specialize start state station stay stimulate stop \
         store strengthen stress study submit succeed suffer suggest supply support surround \
         survive suspend sustain talk target terminate test thank total total trade train transfer \
         transform translate transport travel treat try turn unify unite update urge use utilize \
         vary verify view visit vote wait want warn welcome witness work worry yield headquarter \
         total account aid answer border elect fund found furnish hope invest limit list mean rename \
         reside rename resettle arm award benefit cancel cite co-host convene defeat emigrate \
         exhibit flow fuel garner halt harbor host kidnap lease lie measure pay rank rebuild \
         recapture reconstruct relocate renovate reside rotate span spark stage sponsor succeed \
         surrender tour unveil decide guide preside collide confide concede precede exclude \
         persuade invade erode explode upgrade evade obligate mediate ferry \
         harass obstruct intimidate reaffirm underscore abide laud \
         inaugurate attain suppress mount position partner leverage harness pool \
         channel disburse deepen mint flourish underpin",
    )
});

/// (base, past, past participle) for irregular verbs.
pub const IRREGULAR: &[(&str, &str, &str)] = &[
    ("be", "was", "been"),
    ("have", "had", "had"),
    ("do", "did", "done"),
    ("go", "went", "gone"),
    ("make", "made", "made"),
    ("take", "took", "taken"),
    ("give", "gave", "given"),
    ("hold", "held", "held"),
    ("meet", "met", "met"),
    ("become", "became", "become"),
    ("begin", "began", "begun"),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("buy", "bought", "bought"),
    ("choose", "chose", "chosen"),
    ("come", "came", "come"),
    ("draw", "drew", "drawn"),
    ("drive", "drove", "driven"),
    ("fall", "fell", "fallen"),
    ("feel", "felt", "felt"),
    ("fight", "fought", "fought"),
    ("find", "found", "found"),
    ("fly", "flew", "flown"),
    ("forget", "forgot", "forgotten"),
    ("freeze", "froze", "frozen"),
    ("get", "got", "got"),
    ("grow", "grew", "grown"),
    ("hear", "heard", "heard"),
    ("keep", "kept", "kept"),
    ("know", "knew", "known"),
    ("lay", "laid", "laid"),
    ("lead", "led", "led"),
    ("leave", "left", "left"),
    ("lend", "lent", "lent"),
    ("let", "let", "let"),
    ("lose", "lost", "lost"),
    ("mean", "meant", "meant"),
    ("pay", "paid", "paid"),
    ("put", "put", "put"),
    ("read", "read", "read"),
    ("rise", "rose", "risen"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("shake", "shook", "shaken"),
    ("shoot", "shot", "shot"),
    ("show", "showed", "shown"),
    ("sing", "sang", "sung"),
    ("sink", "sank", "sunk"),
    ("sit", "sat", "sat"),
    ("speak", "spoke", "spoken"),
    ("spend", "spent", "spent"),
    ("stand", "stood", "stood"),
    ("steal", "stole", "stolen"),
    ("strike", "struck", "struck"),
    ("swear", "swore", "sworn"),
    ("teach", "taught", "taught"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("throw", "threw", "thrown"),
    ("understand", "understood", "understood"),
    ("undertake", "undertook", "undertaken"),
    ("wear", "wore", "worn"),
    ("win", "won", "won"),
    ("withdraw", "withdrew", "withdrawn"),
    ("write", "wrote", "written"),
    ("arise", "arose", "arisen"),
    ("bear", "bore", "born"),
    ("beat", "beat", "beaten"),
    ("break", "broke", "broken"),
    ("cast", "cast", "cast"),
    ("catch", "caught", "caught"),
    ("cost", "cost", "cost"),
    ("cut", "cut", "cut"),
    ("deal", "dealt", "dealt"),
    ("feed", "fed", "fed"),
    ("forbid", "forbade", "forbidden"),
    ("hang", "hung", "hung"),
    ("hide", "hid", "hidden"),
    ("hit", "hit", "hit"),
    ("overcome", "overcame", "overcome"),
    ("oversee", "oversaw", "overseen"),
    ("rebuild", "rebuilt", "rebuilt"),
    ("spread", "spread", "spread"),
    ("stick", "stuck", "stuck"),
    ("strive", "strove", "striven"),
    ("tear", "tore", "torn"),
    ("wind", "wound", "wound"),
    ("foresee", "foresaw", "foreseen"),
    ("forecast", "forecast", "forecast"),
    ("lie", "lay", "lain"),
    ("shut", "shut", "shut"),
    ("split", "split", "split"),
    ("quit", "quit", "quit"),
    ("upset", "upset", "upset"),
    ("bind", "bound", "bound"),
    ("dig", "dug", "dug"),
    ("swim", "swam", "swum"),
    ("ride", "rode", "ridden"),
    ("wake", "woke", "woken"),
    ("slay", "slew", "slain"),
    ("sweep", "swept", "swept"),
    ("flee", "fled", "fled"),
    ("light", "lit", "lit"),
    ("outline", "outlined", "outlined"),
    ("undergo", "underwent", "undergone"),
    ("overthrow", "overthrew", "overthrown"),
    ("overtake", "overtook", "overtaken"),
    ("withstand", "withstood", "withstood"),
    ("uphold", "upheld", "upheld"),
    ("withhold", "withheld", "withheld"),
    ("forgive", "forgave", "forgiven"),
    ("mislead", "misled", "misled"),
    ("override", "overrode", "overridden"),
    ("overrun", "overran", "overrun"),
    ("befall", "befell", "befallen"),
    ("forsake", "forsook", "forsaken"),
    ("foretell", "foretold", "foretold"),
    ("retake", "retook", "retaken"),
    ("rewrite", "rewrote", "rewritten"),
    ("repay", "repaid", "repaid"),
    ("bend", "bent", "bent"),
    ("breed", "bred", "bred"),
    ("cling", "clung", "clung"),
    ("creep", "crept", "crept"),
    ("dwell", "dwelt", "dwelt"),
    ("kneel", "knelt", "knelt"),
    ("shrink", "shrank", "shrunk"),
    ("spin", "spun", "spun"),
    ("stride", "strode", "stridden"),
    ("weep", "wept", "wept"),
];

pub static IRREGULAR_FORMS: LazyLock<HashMap<&'static str, (&'static str, VerbForm)>> =
    LazyLock::new(|| {
        let mut m = HashMap::new();
        for &(base, past, pp) in IRREGULAR {
            m.insert(pp, (base, VerbForm::PastPart));
            m.insert(
                past,
                (
                    base,
                    if past == pp {
                        VerbForm::PastOrPart
                    } else {
                        VerbForm::Past
                    },
                ),
            );
        }
        m.insert("were", ("be", VerbForm::Past));
        m.insert("is", ("be", VerbForm::Pres3));
        m.insert("are", ("be", VerbForm::Pres));
        m.insert("am", ("be", VerbForm::Pres));
        m.insert("has", ("have", VerbForm::Pres3));
        m.insert("does", ("do", VerbForm::Pres3));
        m.insert("being", ("be", VerbForm::Gerund));
        m.insert("having", ("have", VerbForm::Gerund));
        m
    });

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbForm {
    Base,
    Pres,
    Pres3,
    Past,
    PastPart,
    PastOrPart,
    Gerund,
}

impl VerbForm {
    /// Simple past or past participle.
    pub fn is_past(self) -> bool {
        matches!(
            self,
            VerbForm::Past | VerbForm::PastPart | VerbForm::PastOrPart
        )
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn known_base(w: &str) -> bool {
    VERBS.contains(w) || IRREGULAR.iter().any(|&(b, _, _)| b == w)
}

/// Candidate lemma for an -ed form (regular past / participle).
fn lemma_ed(w: &str) -> Option<String> {
    let stem = w.strip_suffix("ed")?;
    if stem.len() < 2 {
        return None;
    }
    let mut cands: Vec<String> = Vec::new();
    if let Some(s) = stem.strip_suffix('i') {
        cands.push(format!("{s}y"));
    }
    cands.push(stem.to_string());
    cands.push(format!("{stem}e"));
    let b = stem.as_bytes();
    if b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] && !is_vowel(b[b.len() - 1]) {
        cands.push(stem[..stem.len() - 1].to_string());
    }
    for c in &cands {
        if known_base(c) {
            return Some(c.clone());
        }
    }
    // Unknown verb: guess.
    let last = *b.last()?;
    let prev = if b.len() >= 2 { b[b.len() - 2] } else { b'a' };
    if let Some(s) = stem.strip_suffix('i') {
        return Some(format!("{s}y"));
    }
    // "stepped" -> "step", "planned" -> "plan" (but "called", "passed", "staffed" keep theirs)
    if b.len() >= 3 && last == prev && !is_vowel(last) && !matches!(last, b'l' | b's' | b'f' | b'z')
    {
        return Some(stem[..stem.len() - 1].to_string());
    }
    Some(with_final_e(stem))
}

/// Guess the base of an unknown verb from its stem without "-ed" or "-ing": add the "e" that
/// English spelling dropped ("purchas" → "purchase", "massacr" → "massacre", "travers" →
/// "traverse", "locat" → "locate").
fn with_final_e(stem: &str) -> String {
    let b = stem.as_bytes();
    let (Some(&last), Some(&prev)) = (b.last(), b.len().checked_sub(2).and_then(|i| b.get(i)))
    else {
        return stem.to_string();
    };
    let needs_e = matches!(last, b'v' | b'z' | b'c' | b'g' | b'u')
        || (last == b's' && (is_vowel(prev) || matches!(prev, b'r' | b'l' | b'n')))
        || (last == b't' && prev == b'a' && b.len() >= 4)
        // a consonant then "r" or "l" ends no English verb ("massacr", "handl", "settl")
        || (matches!(last, b'r' | b'l') && !is_vowel(prev) && !matches!(prev, b'r' | b'l'));
    if needs_e {
        format!("{stem}e")
    } else {
        stem.to_string()
    }
}

/// Analyse a lowercase word as a verb: (lemma, form), if it can be one.
pub fn verb_analysis(w: &str) -> Option<(String, VerbForm)> {
    if NOT_VERB.contains(w) || w.contains('-') {
        return None;
    }
    if let Some(&(b, f)) = IRREGULAR_FORMS.get(w) {
        return Some((b.to_string(), f));
    }
    if known_base(w) {
        return Some((w.to_string(), VerbForm::Base));
    }
    // "died", "used", "owed", "tied"
    if w.len() == 4 && w.ends_with("ed") && known_base(&w[..3]) {
        return Some((w[..3].to_string(), VerbForm::PastOrPart));
    }
    if w.len() > 4 && w.ends_with("ed") {
        let l = lemma_ed(w)?;
        return Some((l, VerbForm::PastOrPart));
    }
    if w.len() > 5 && w.ends_with("ing") {
        let stem = &w[..w.len() - 3];
        for c in [
            stem.to_string(),
            format!("{stem}e"),
            stem[..stem.len() - 1].to_string(),
        ] {
            if known_base(&c) {
                return Some((c, VerbForm::Gerund));
            }
        }
        let sb = stem.as_bytes();
        if sb.len() >= 3
            && sb[sb.len() - 1] == sb[sb.len() - 2]
            && !is_vowel(sb[sb.len() - 1])
            && !matches!(sb[sb.len() - 1], b'l' | b's' | b'f' | b'z')
        {
            return Some((stem[..stem.len() - 1].to_string(), VerbForm::Gerund));
        }
        return Some((with_final_e(stem), VerbForm::Gerund));
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        let mut cands = vec![w[..w.len() - 1].to_string()];
        if let Some(s) = w.strip_suffix("ies") {
            cands.push(format!("{s}y"));
        }
        if let Some(s) = w.strip_suffix("es") {
            cands.push(s.to_string());
        }
        for c in cands {
            if known_base(&c) {
                return Some((c, VerbForm::Pres3));
            }
        }
    }
    None
}

/// The simple past of a base form ("hold" -> "held", "visit" -> "visited").
pub fn past_of(base: &str) -> String {
    if let Some(&(_, p, _)) = IRREGULAR.iter().find(|&&(b, _, _)| b == base) {
        return p.to_string();
    }
    regular_ed(base)
}

/// The past participle of a base form.
pub fn participle_of(base: &str) -> String {
    if let Some(&(_, _, pp)) = IRREGULAR.iter().find(|&&(b, _, _)| b == base) {
        return pp.to_string();
    }
    regular_ed(base)
}

fn regular_ed(base: &str) -> String {
    let b = base.as_bytes();
    if base.ends_with('e') {
        return format!("{base}d");
    }
    if base.ends_with('y') && b.len() >= 2 && !is_vowel(b[b.len() - 2]) {
        return format!("{}ied", &base[..base.len() - 1]);
    }
    format!("{base}ed")
}

/// Third person singular present ("hold" -> "holds").
pub fn pres3_of(base: &str) -> String {
    match base {
        "be" => return "is".into(),
        "have" => return "has".into(),
        "do" => return "does".into(),
        _ => {}
    }
    let b = base.as_bytes();
    if base.ends_with('y') && b.len() >= 2 && !is_vowel(b[b.len() - 2]) {
        return format!("{}ies", &base[..base.len() - 1]);
    }
    if base.ends_with('s')
        || base.ends_with('x')
        || base.ends_with("ch")
        || base.ends_with("sh")
        || base.ends_with('z')
        || base.ends_with('o')
    {
        return format!("{base}es");
    }
    format!("{base}s")
}

/// Vague words that make a question unanswerable on its own.
pub static VAGUE_HEADS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "this that these those it they them he she him her its their his such above aforementioned \
         said latter former",
    )
});

/// Titles that precede a person's name.
pub static PERSON_TITLES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "mr mr. mrs mrs. ms ms. dr dr. prof prof. professor president prime minister premier king queen \
         emperor empress pope general gen. sir lord lady prince princess chancellor ambassador governor \
         senator secretary chairman chairwoman chairperson director ceo mayor sultan tsar czar shah \
         emir sheikh archbishop bishop cardinal saint st. colonel admiral captain judge justice \
         commissioner chief minister president-elect vice deputy representative rep. sen. gov. \
         marshal duke duchess count countess baron caliph pharaoh khan administrator \
         secretary-general envoy spokesperson spokesman gen col lt capt adm maj sgt",
    )
});

/// Capitalised words that name organisations or events and take "the" before them.
pub static INSTITUTION_NOUNS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "summit conference treaty agreement council ministry committee commission dialogue initiative \
         organization organisation program programme union assembly parliament congress senate court \
         government office agency bank fund forum declaration convention protocol accord alliance \
         association institute university party army navy war revolution dynasty empire republic \
         kingdom federation partnership plan strategy act charter games olympics cup festival \
         exhibition expo meeting talks framework project system railway railways canal bridge \
         pipeline territories islands mountains sea ocean river lake strait gulf bay peninsula \
         earthquake crisis movement campaign battle conflict secretariat foundation society \
         community authority board coalition",
    )
});

/// Month names, lowercase: the answer checker's table.
pub use crate::quiz::check::MONTHS;

pub fn month_number(w: &str) -> Option<u8> {
    let l = w.to_ascii_lowercase();
    let l = l.trim_end_matches('.');
    for (i, m) in MONTHS.iter().enumerate() {
        if l == *m || (l.len() >= 3 && m.starts_with(l) && (l.len() == 3 || l == "sept")) {
            return Some(i as u8 + 1);
        }
    }
    None
}

/// Abbreviations after which a period does not end a sentence.
pub static ABBREVIATIONS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "mr mrs ms dr prof st jr sr no nos gen col lt sgt capt rev hon gov sen rep vs etc e.g i.e cf \
         fig figs vol vols art arts sec secs inc ltd co corp jan feb mar apr jun jul aug sep sept oct \
         nov dec mt ft approx dept est ca al op pp p para paras ch chap ed eds messrs mme mlle univ \
         assn bros adm maj cmdr gov't govt u.s u.k u.n e.u a.d b.c d.c a.m p.m ph.d b.a m.a lit transl",
    )
});

/// Words that commonly start a sentence (used to decide a split after an abbreviation).
pub static SENTENCE_STARTERS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "the this that these those it its he she they we i in on at a an but however and there his \
         her their our after before during since when while as for from with by to of according \
         although because if meanwhile moreover furthermore also following today yesterday",
    )
});

/// Number words.
/// A day of the week, in any case ("Thursday", "thursday").
pub fn weekday(w: &str) -> bool {
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .iter()
    .any(|d| d.eq_ignore_ascii_case(w))
}

pub fn small_number(w: &str) -> Option<u64> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

pub fn scale_word(w: &str) -> Option<u64> {
    Some(match w {
        "hundred" => 100,
        "thousand" => 1_000,
        "million" => 1_000_000,
        "billion" => 1_000_000_000,
        "trillion" => 1_000_000_000_000,
        _ => return None,
    })
}

pub fn number_word(n: u64) -> Option<&'static str> {
    Some(match n {
        0 => "zero",
        1 => "one",
        2 => "two",
        3 => "three",
        4 => "four",
        5 => "five",
        6 => "six",
        7 => "seven",
        8 => "eight",
        9 => "nine",
        10 => "ten",
        11 => "eleven",
        12 => "twelve",
        13 => "thirteen",
        14 => "fourteen",
        15 => "fifteen",
        16 => "sixteen",
        17 => "seventeen",
        18 => "eighteen",
        19 => "nineteen",
        20 => "twenty",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lemmas() {
        assert_eq!(verb_analysis("dispatched").unwrap().0, "dispatch");
        assert_eq!(verb_analysis("received").unwrap().0, "receive");
        assert_eq!(verb_analysis("supplied").unwrap().0, "supply");
        assert_eq!(verb_analysis("held").unwrap().0, "hold");
        assert_eq!(verb_analysis("planned").unwrap().0, "plan");
        // unknown verbs get back the "e" their spelling dropped
        assert_eq!(verb_analysis("massacred").unwrap().0, "massacre");
        assert_eq!(verb_analysis("traversed").unwrap().0, "traverse");
        assert_eq!(verb_analysis("purchasing").unwrap().0, "purchase");
        assert_eq!(verb_analysis("promoting").unwrap().0, "promote");
        assert_eq!(verb_analysis("considers").unwrap().0, "consider");
        assert_eq!(past_of("hold"), "held");
        assert_eq!(past_of("supply"), "supplied");
        assert_eq!(pres3_of("approach"), "approaches");
        assert!(verb_analysis("meeting").is_none());
    }
}
