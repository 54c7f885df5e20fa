//! Table tests of the labeler: rows through both layers, by rule and trap.

use super::*;
use crate::claim::Claim;
use crate::cues::Cues;

/// The built-in table, built once for all tests.
fn builtin() -> &'static Cues {
    static CUES: std::sync::OnceLock<Cues> = std::sync::OnceLock::new();
    CUES.get_or_init(|| Cues::builtin().unwrap())
}

/// The label and cue of one row; `outlet` is the publishing outlet.
fn label_in(
    outlet: &str,
    person: &str,
    speaker: &str,
    attribution: &str,
    claim: &str,
) -> (SourceType, String) {
    let cues = builtin();
    let row = Claim {
        person,
        speaker,
        attribution,
        outlet,
        claim,
        ..Claim::default()
    };
    let (t, cue) = label(cues, &row, &mut Scratch::default());
    (t, cue.display(cues).to_string())
}

fn label_of(person: &str, speaker: &str, attribution: &str, claim: &str) -> (SourceType, String) {
    label_in("", person, speaker, attribution, claim)
}

fn kind(person: &str, speaker: &str, attribution: &str) -> SourceType {
    label_of(person, speaker, attribution, "x").0
}

use SourceType::*;

#[test]
fn founding_example() {
    let kim = "Kim Cattrall";
    assert_eq!(
        kind(kim, "Michael Patrick King", "told Variety on Tuesday"),
        NamedOnRecord
    );
    assert_eq!(
        kind(kim, "Michael Patrick King", "he continued"),
        NamedOnRecord
    );
    assert_eq!(
        label_of(
            kim,
            "",
            "A source exclusively told Us Weekly",
            "she isn't talking"
        ),
        (ExclusiveAnonymous, "a source + exclusively".to_string())
    );
    assert_eq!(kind(kim, "the insider", "The insider added"), Anonymous);
    assert_eq!(kind(kim, "", "the source explained"), Anonymous);
}

#[test]
fn named_people_are_on_record_even_exclusively() {
    let (t, cue) = label_of(
        "Kim Cattrall",
        "Cattrall",
        "exclusively told Us Weekly",
        "x",
    );
    assert_eq!(
        (t, cue.as_str()),
        (SubjectOnRecord, "speaker is the person")
    );
    assert_eq!(
        kind("Kim Cattrall", "", "Cynthia Nixon exclusively told People"),
        NamedOnRecord
    );
    assert_eq!(
        kind("Lorna Vey", "Lorna Vey", "exclusively told StarBeat"),
        SubjectOnRecord
    );
    assert_eq!(
        kind(
            "Teodor Krall",
            "Teodor Krall",
            "told Pitchside in an exclusive interview"
        ),
        SubjectOnRecord
    );
    assert_eq!(
        kind(
            "Lorna Vey",
            "Kyle Brandon",
            "her former castmate told Gossip Hive exclusively"
        ),
        NamedOnRecord
    );
    assert_eq!(
        kind(
            "Gideon Strand",
            "",
            "Gideon Strand told Ledger & Ticker exclusively"
        ),
        SubjectOnRecord
    );
}

#[test]
fn confirming_does_not_put_a_source_on_record() {
    assert_eq!(
        kind("Lorna Vey", "a source close to Vey", "confirmed"),
        Anonymous
    );
    assert_eq!(
        kind(
            "Jasper Okafor",
            "",
            "A source close to Okafor confirmed to StarBeat"
        ),
        Anonymous
    );
    assert_eq!(
        kind(
            "Cody Reyes",
            "a source close to Reyes",
            "confirmed exclusively to StarBeat"
        ),
        ExclusiveAnonymous
    );
    assert_eq!(
        kind(
            "Priya Venkatesan",
            "",
            "a Lumora insider confirmed to Ledger & Ticker in an exclusive"
        ),
        ExclusiveAnonymous
    );
}

#[test]
fn continuations_follow_who_spoke() {
    assert_eq!(kind("Kim Cattrall", "Nixon", "Nixon added"), NamedOnRecord);
    assert_eq!(kind("Kim Cattrall", "", "Nixon added"), NamedOnRecord);
    assert_eq!(kind("Tessa Marlowe", "", "Pike went on"), NamedOnRecord);
    assert_eq!(
        kind("Michael Patrick King", "King", "he continued"),
        SubjectOnRecord
    );
    assert_eq!(kind("Lorna Vey", "the pal", "the pal continued"), Anonymous);
    assert_eq!(kind("Tessa Marlowe", "", "the same source said"), Anonymous);
    assert_eq!(kind("Tessa Marlowe", "", "added the insider"), Anonymous);
    // A pronoun with no one else named is the person (DESIGN.md); "they" is not one person.
    assert_eq!(
        label_of("Lorna Vey", "she", "she confirmed", "x"),
        (SubjectOnRecord, rule::PRONOUN_IS_PERSON.to_string())
    );
    assert_eq!(kind("Gideon Strand", "he", "he continued"), SubjectOnRecord);
    // A pronoun that cannot be the person's stands for someone else.
    assert_eq!(
        label_of("Lorna Vey", "he", "he continued", "x"),
        (NamedOnRecord, rule::PRONOUN_NOT_PERSON.to_string())
    );
    assert_eq!(
        kind("Senator Dana Whitcombe", "he", "he said"),
        SubjectOnRecord
    );
    assert_eq!(kind("Lorna Vey", "they", "they said"), Unknown);
    assert_eq!(kind("Lorna Vey", "", "added"), Unknown);
    assert_eq!(kind("Jasper Okafor", "", "said Tuesday"), Unknown);
    assert_eq!(kind("Lorna Vey", "", "told the newspaper"), Unknown);
}

#[test]
fn titles_partial_names_middle_names_and_relatives() {
    let senator = "Senator Dana Whitcombe";
    assert_eq!(
        kind(senator, "Dana Whitcombe", "told reporters"),
        SubjectOnRecord
    );
    assert_eq!(
        kind(senator, "Whitcombe", "said at a town hall"),
        SubjectOnRecord
    );
    assert_eq!(
        kind(senator, "", "the senator told reporters"),
        SubjectOnRecord
    );
    assert_eq!(
        kind(senator, "", "Whitcombe, 58, told reporters"),
        SubjectOnRecord
    );
    assert_eq!(
        kind(senator, "Greg Whitcombe", "said in an interview"),
        NamedOnRecord
    );
    assert_eq!(
        kind(
            "Governor Paul Ostrander",
            "",
            "the governor said at a news conference"
        ),
        SubjectOnRecord
    );
    assert_eq!(
        kind("Gov. Paul Ostrander", "", "the governor told reporters"),
        SubjectOnRecord
    );
    assert_eq!(
        kind(
            "Governor Paul Ostrander",
            "",
            "Lieutenant Governor Ruth Anand told reporters"
        ),
        NamedOnRecord
    );
    assert_eq!(
        kind("Alma Ruth Vesely", "A. R. Vesely", "wrote in her memoir"),
        SubjectOnRecord
    );
    assert_eq!(
        kind("Jonathan Q. Abernathy", "Jonathan Abernathy", "testified"),
        SubjectOnRecord
    );
    assert_eq!(kind("Lorna Vey", "Jenna Vey", "told People"), NamedOnRecord);
    assert_eq!(
        kind(
            "Lorna Vey",
            "",
            "Harbor Lights creator Odile Brandt confirmed"
        ),
        NamedOnRecord
    );
}

#[test]
fn epithets_stand_for_the_person_unless_someone_else_is_named() {
    // Like a pronoun: with no one else named, the person on the record, and the cue says so.
    assert_eq!(
        label_of("Lorna Vey", "the actress", "told ET", "x"),
        (SubjectOnRecord, rule::EPITHET_IS_PERSON.to_string())
    );
    assert_eq!(
        kind("Bram Holloway", "the 52-year-old", "told Extra"),
        SubjectOnRecord
    );
    assert_eq!(
        kind("Cody Reyes", "", "the creator told StarBeat"),
        SubjectOnRecord
    );
    // Another person named in the attribution: the epithet is that person.
    assert_eq!(
        label_of(
            "Barack Obama",
            "the former senator",
            "Joe Biden weighed in, the former senator said",
            "x"
        ),
        (NamedOnRecord, rule::EPITHET_IS_OTHER.to_string())
    );
    // An epithet that describes no person is no speaker: nothing else decides.
    assert_eq!(
        kind("Helen Brock", "the numbers", "told the paper"),
        Unknown
    );
}

#[test]
fn reps_lawyers_and_organisations_speak_officially() {
    assert_eq!(
        kind("X", "a rep for X", "confirmed to Deadline"),
        OfficialStatement
    );
    assert_eq!(kind("X", "", "a rep for Cattrall said"), OfficialStatement);
    assert_eq!(
        kind("Lorna Vey", "Vey's rep", "told StarBeat"),
        OfficialStatement
    );
    assert_eq!(
        kind("Lorna Vey", "Vey\u{2019}s rep", "told StarBeat"),
        OfficialStatement
    );
    assert_eq!(
        kind("Jasper Okafor", "Okafor's attorney", "said in a statement"),
        OfficialStatement
    );
    assert_eq!(
        kind(
            "Governor Paul Ostrander",
            "Kelsey Marr",
            "Ostrander's press secretary, told reporters"
        ),
        OfficialStatement
    );
    assert_eq!(
        kind(
            "Jalen Pryce",
            "Sam Ferrante",
            "Pryce's agent, Sam Ferrante, told Courtside Daily"
        ),
        OfficialStatement
    );
    assert_eq!(
        kind(
            "Jasper Okafor",
            "Mark Feld, his attorney",
            "told Meridian Wire"
        ),
        OfficialStatement
    );
    assert_eq!(
        kind(
            "Dana Whitcombe",
            "",
            "Whitcombe, through a spokesperson, declined to comment"
        ),
        OfficialStatement
    );
    assert_eq!(
        kind(
            "Mayor Lionel Baptiste",
            "",
            "Baptiste's office did not return calls"
        ),
        OfficialStatement
    );
    assert_eq!(
        kind("Lorna Vey", "", "the studio said in a statement"),
        OfficialStatement
    );
    assert_eq!(
        kind("Jalen Pryce", "", "the Gulls said in a statement"),
        OfficialStatement
    );
    assert_eq!(
        kind("Helen Brock", "", "Caldera Foods announced on Monday"),
        OfficialStatement
    );
    assert_eq!(
        kind("Gideon Strand", "", "Strand Motors did not respond"),
        OfficialStatement
    );
    assert_eq!(
        kind("Bram Holloway", "", "NBN declined to comment"),
        OfficialStatement
    );
    assert_eq!(
        kind("Priya Venkatesan", "", "Lumora said in a statement"),
        OfficialStatement
    );
    // The person themself in a statement is on the record as the person.
    assert_eq!(
        kind("Dana Whitcombe", "Dana Whitcombe", "said in a statement"),
        SubjectOnRecord
    );
    // A rep as the object is not who speaks.
    assert_eq!(
        kind(
            "Jasper Okafor",
            "Jasper Okafor",
            "told reporters after meeting with his lawyer"
        ),
        SubjectOnRecord
    );
}

#[test]
fn anonymity_beats_any_speaker() {
    assert_eq!(
        kind("X", "a Caldera executive", "who asked not to be named"),
        Anonymous
    );
    assert_eq!(
        kind("X", "a Gulls executive", "told reporters on background"),
        Anonymous
    );
    assert_eq!(
        kind(
            "X",
            "a senior official in the governor's office",
            "speaking on background"
        ),
        Anonymous
    );
    assert_eq!(
        kind(
            "X",
            "",
            "a Senate aide who was not authorized to speak publicly said"
        ),
        Anonymous
    );
    assert_eq!(
        kind(
            "X",
            "a Westbridge official",
            "not authorized to speak on the record"
        ),
        Anonymous
    );
    assert_eq!(
        label_of(
            "X",
            "",
            "two people with knowledge of the investigation said on condition of anonymity",
            "x"
        ),
        (Anonymous, "on condition of anonymity".to_string())
    );
    // An unnamed person in the speaker field is a source even without a cue.
    assert_eq!(
        label_of("X", "a stagehand", "said", "x"),
        (Anonymous, rule::UNNAMED_SPEAKER.to_string())
    );
}

#[test]
fn outlets_secondhand_and_outlet_voice() {
    assert_eq!(kind("X", "", "according to TMZ"), Secondhand);
    assert_eq!(kind("X", "", "per a Page Six report"), Secondhand);
    assert_eq!(kind("X", "", "Bloomberg reported on Tuesday"), Secondhand);
    assert_eq!(kind("X", "", "the New York Post reported"), Secondhand);
    assert_eq!(kind("X", "", "L'Equipe reported"), Secondhand);
    assert_eq!(kind("X", "", "a source told TMZ"), Anonymous);
    assert_eq!(kind("X", "", "one league source told ESPN"), Anonymous);
    assert_eq!(
        label_in("TMZ", "X", "", "TMZ can confirm", "x").0,
        OutletAsserted
    );
    assert_eq!(
        label_in("StarBeat", "X", "", "StarBeat is told", "x").0,
        OutletAsserted
    );
    assert_eq!(
        label_in("Screen Ledger", "X", "", "Screen Ledger hears", "x").0,
        OutletAsserted
    );
    assert_eq!(
        label_in("StarBeat", "X", "", "as StarBeat first reported", "x").0,
        OutletAsserted
    );
    assert_eq!(
        label_in(
            "Celeb Insider Weekly",
            "X",
            "",
            "Celeb Insider Weekly has exclusively learned",
            "x"
        )
        .0,
        OutletAsserted
    );
    assert_eq!(
        label_in(
            "Gossip Hive",
            "X",
            "",
            "Gossip Hive has learned exclusively from two insiders",
            "x"
        )
        .0,
        ExclusiveAnonymous
    );
    assert_eq!(
        kind("X", "", "we're told by a source close to the singer"),
        Anonymous
    );
    assert_eq!(kind("X", "", "we've learned"), OutletAsserted);
}

#[test]
fn documents_beat_who_wrote_them_but_not_the_topic() {
    assert_eq!(kind("X", "", "according to court documents"), Document);
    assert_eq!(
        kind("X", "", "according to a lawsuit filed Tuesday"),
        Document
    );
    assert_eq!(
        kind("X", "", "according to an indictment unsealed Thursday"),
        Document
    );
    assert_eq!(
        kind("X", "", "according to the company's annual report"),
        Document
    );
    assert_eq!(
        kind("X", "", "according to Companies House records"),
        Document
    );
    assert_eq!(
        kind("X", "his attorney", "wrote in a court filing"),
        Document
    );
    assert_eq!(
        kind(
            "X",
            "",
            "the company said in a filing with the Securities and Exchange Commission"
        ),
        Document
    );
    assert_eq!(
        kind(
            "Jasper Okafor",
            "Jasper Okafor",
            "declined to comment when asked about the lawsuit"
        ),
        SubjectOnRecord
    );
}

#[test]
fn social_posts_on_the_speakers_own_channel() {
    assert_eq!(kind("X", "", "she wrote on Instagram"), SocialPost);
    assert_eq!(
        kind(
            "Cody Reyes",
            "Cody Reyes",
            "said in a video on his YouTube channel"
        ),
        SocialPost
    );
    assert_eq!(
        kind("Priya Venkatesan", "Venkatesan", "wrote in a LinkedIn post"),
        SocialPost
    );
    assert_eq!(
        kind(
            "Reggie Antwi",
            "Reggie Antwi",
            "admitted during a Twitch livestream"
        ),
        SocialPost
    );
    assert_eq!(
        kind("Dana Whitcombe", "Dana Whitcombe", "posted on X"),
        SocialPost
    );
    assert_eq!(
        kind("Jasper Okafor", "Nia Okafor", "wrote on Instagram"),
        SocialPost
    );
    assert_eq!(
        kind("Cody Reyes", "", "according to an Instagram post by Reyes"),
        SocialPost
    );
    // Someone else's channel is an interview.
    assert_eq!(
        kind(
            "Cody Reyes",
            "Cody Reyes",
            "said in an interview posted to the Vanity Vox YouTube channel"
        ),
        SubjectOnRecord
    );
    assert_eq!(
        kind(
            "Sunniva Dahl",
            "Sunniva Dahl",
            "said in a clip the tournament posted on its TikTok account"
        ),
        SubjectOnRecord
    );
    // "x" is no platform.
    assert_eq!(kind("X", "Dr. Lee", "said on x-rays"), NamedOnRecord);
}

#[test]
fn hedges_and_empty_rows_are_unattributed() {
    assert_eq!(kind("X", "", "reportedly"), Unattributed);
    assert_eq!(kind("X", "", "rumors swirled"), Unattributed);
    assert_eq!(kind("X", "", "speculation has mounted"), Unattributed);
    assert_eq!(
        kind("Kim Kardashian", "", "Kim is said to be furious"),
        Unattributed
    );
    assert_eq!(
        label_of("X", "", "", "She is said to be furious."),
        (Unattributed, "is said to".to_string())
    );
    assert_eq!(
        label_of("X", "", "", "She quit."),
        (Unattributed, rule::NOTHING.to_string())
    );
    // A hedge in the claim does not override a speaker.
    assert_eq!(
        label_of(
            "Carl Dunmore",
            "Dana Whitcombe",
            "said at a campaign rally",
            "My opponent allegedly took money."
        )
        .0,
        NamedOnRecord
    );
}

#[test]
fn labeling_reuses_its_buffers() {
    let cues = Cues::builtin().unwrap();
    let mut scratch = Scratch::default();
    let row = Claim {
        person: "Lorna Vey",
        speaker: "a source close to Vey",
        attribution: "A source exclusively told StarBeat that she is leaving",
        claim: "She is leaving.",
        ..Claim::default()
    };
    label(&cues, &row, &mut scratch);
    let capacity = scratch.attribution.capacity();
    for _ in 0..100 {
        label(&cues, &row, &mut scratch);
    }
    assert_eq!(scratch.attribution.capacity(), capacity);
}

// --- the two layers alone ------------------------------------------------------------------

/// The parser's reading of one row: who speaks (phrase, kind), where it was found, and which
/// markers and channels it recorded.
fn parsed(person: &str, outlet: &str, speaker: &str, attribution: &str, claim: &str) -> String {
    let cues = builtin();
    let row = Claim {
        person,
        speaker,
        attribution,
        outlet,
        claim,
        ..Claim::default()
    };
    let a = super::attribution(cues, &row, &mut Scratch::default());
    let mut marks = Vec::new();
    for (name, found) in [
        ("anonymity", a.anonymity.is_some()),
        ("exclusive", a.exclusive.is_some()),
        ("document", a.document.is_some()),
        ("platform", a.platform.is_some()),
        ("role", a.role.is_some()),
        ("unnamed", a.unnamed.is_some()),
        ("outlet-voice", a.outlet_voice.is_some()),
        ("report", a.report.is_some()),
        ("statement", a.statement.is_some()),
        ("setting", a.setting.is_some()),
        ("hedge", a.hedge.is_some()),
    ] {
        if found {
            marks.push(name);
        }
    }
    format!(
        "{} | {} | {} | {}",
        a.found_in.as_str(),
        a.speaker.kind.as_str(),
        a.speaker.phrase,
        marks.join(" ")
    )
}

#[test]
fn parser_reads_real_style_phrasings() {
    let p = "Dana Whitcombe";
    let table: &[(&str, &str, &str, &str, &str)] = &[
        // (speaker, attribution, claim, outlet, parsed)
        // A participle after a comma reports what the sentence's subject says.
        (
            "",
            "",
            "Whitcombe has spent the week touring farm towns, arguing that the bill will pass.",
            "",
            "claim | person | Whitcombe | ",
        ),
        (
            "",
            "",
            "Ray Ostrander is responding to rumors about the deal, admitting to reporters that talks stalled.",
            "",
            "claim | named | Ray Ostrander | hedge",
        ),
        (
            "",
            "",
            "Lena Park weighed in on the vote, telling the paper that the count is wrong.",
            "",
            "claim | named | Lena Park | ",
        ),
        // An opening participle and its question are looked past.
        (
            "",
            "",
            "Asked whether she would run again, Whitcombe replied, \u{201c}Not this year.\u{201d}",
            "",
            "claim | person | Whitcombe | ",
        ),
        // An aside in brackets or dashes belongs to the subject.
        (
            "",
            "",
            "Whitcombe (who has 40 delegates so far) said the race is wide open.",
            "",
            "claim | person | Whitcombe | ",
        ),
        (
            "",
            "",
            "Ray Ostrander -- who has been feuding with the mayor for weeks -- said the audit was rigged.",
            "",
            "claim | named | Ray Ostrander | ",
        ),
        // A report in a clause opened by a conjunction.
        (
            "",
            "",
            "The jet was grounded last week after The Ledger Courier reported that its licence had lapsed.",
            "",
            "claim | other-outlet | Ledger Courier | report",
        ),
        // An adverb between the name and the verb is not part of the name.
        (
            "",
            "",
            "Ms. Whitcombe often says she is not running for her father's seat.",
            "",
            "claim | person | Ms. Whitcombe | ",
        ),
        // "citing" a reason names no source; the speaker beside the quotation does.
        (
            "",
            "",
            "\u{201c}People are angry,\u{201d} Whitcombe said, citing slow growth and high rents.",
            "",
            "claim | person | Whitcombe | report",
        ),
        // An outlet's relay at the end gives way to the document at the start.
        (
            "",
            "",
            "The lawsuit alleges that the firm hid the losses, according to Variety.",
            "",
            "claim | document | The lawsuit | document",
        ),
        // A subject pronoun after an opening phrase speaks, whatever the phrase holds.
        (
            "",
            "",
            "At the news conference, she accused the committee of stalling.",
            "",
            "claim | pronoun | she | ",
        ),
        (
            "",
            "said Whitcombe, 58, on Tuesday",
            "x",
            "",
            "fields | person | Whitcombe | ",
        ),
        (
            "",
            "David Ruiz, an elections analyst at the Cook Report, said",
            "x",
            "",
            "fields | named | David Ruiz | ",
        ),
        (
            "",
            "economists said",
            "x",
            "",
            "fields | group | economists | unnamed",
        ),
        (
            "",
            "critics told me",
            "x",
            "",
            "fields | group | critics | unnamed",
        ),
        (
            "",
            "Republicans say",
            "x",
            "",
            "fields | group | Republicans | unnamed",
        ),
        (
            "",
            "the audit said",
            "x",
            "",
            "fields | document | the audit | document",
        ),
        (
            "",
            "according to leaked memos",
            "x",
            "",
            "fields | document | leaked memos | document report",
        ),
        (
            "",
            "campaign filings showed",
            "x",
            "",
            "fields | document | campaign filings | document",
        ),
        (
            "",
            "a Pew survey found",
            "x",
            "",
            "fields | document | a Pew survey | document",
        ),
        (
            "",
            "The Ortiz campaign said",
            "x",
            "",
            "fields | organisation | The Ortiz campaign | ",
        ),
        (
            "",
            "the Disney board stressed",
            "x",
            "",
            "fields | organisation | the Disney board | ",
        ),
        (
            "",
            "wrote The Times",
            "x",
            "Capitol Ledger",
            "fields | other-outlet | Times | ",
        ),
        (
            "",
            "noted the Chicago Tribune",
            "x",
            "Capitol Ledger",
            "fields | other-outlet | Chicago Tribune | ",
        ),
        (
            "",
            "it is understood",
            "x",
            "",
            "fields |  |  | outlet-voice",
        ),
        ("", "is widely believed", "x", "", "fields |  |  | hedge"),
        ("", "she is expected to", "x", "", "fields |  |  | hedge"),
        (
            "",
            "the band's management said in a statement",
            "x",
            "",
            "fields | role | the band's management | statement",
        ),
        (
            "",
            "rumours swirled on social media",
            "x",
            "",
            "fields |  |  | hedge",
        ),
        (
            "",
            "WASHINGTON (Reuters) - Whitcombe said",
            "x",
            "",
            "fields | person | Whitcombe | ",
        ),
        (
            "he",
            "he told reporters",
            "x",
            "",
            "fields | pronoun | he | setting",
        ),
        (
            "",
            "",
            "\u{201c}No,\u{201d} Whitcombe told Variety.",
            "",
            "claim | person | Whitcombe | ",
        ),
        (
            "",
            "",
            "Whitcombe is said to be furious.",
            "",
            "claim |  |  | hedge",
        ),
        ("", "", "Whitcombe will run again.", "", "none |  |  | "),
        // Mixed quotation marks (a straight one closed by a curly one) still close the quote.
        (
            "",
            "",
            "\"Not this year,\u{201d} Ostrander said on Wednesday.",
            "",
            "claim | named | Ostrander | ",
        ),
        // "declares" inverts like "said".
        (
            "",
            "",
            "\"I am a voter,\" declares Lena Park, 27, a Navy veteran.",
            "",
            "claim | named | Lena Park | ",
        ),
        // "Rep." before a name is a title, not a rep speaking for someone.
        (
            "",
            "Rep. Ray Ostrander said",
            "x",
            "",
            "fields | named | Ray Ostrander | ",
        ),
        // An indefinite description is an unnamed individual.
        (
            "",
            "A former Scientologist said",
            "x",
            "",
            "fields | unnamed | A former Scientologist | ",
        ),
        // A known outlet that "can confirm" on a row with no outlet is the publisher.
        (
            "",
            "Page Six can confirm",
            "x",
            "",
            "fields | own-outlet | Page Six | outlet-voice",
        ),
        ("", "It's been reported", "x", "", "fields |  |  | hedge"),
        (
            "",
            "The Air Force's fact sheet revealed",
            "x",
            "",
            "fields | document | The Air Force's fact sheet | document",
        ),
    ];
    let wrong: Vec<String> = table
        .iter()
        .filter_map(|(speaker, attribution, claim, outlet, want)| {
            let got = parsed(p, outlet, speaker, attribution, claim);
            (got != *want).then(|| {
                format!("{speaker:?} / {attribution:?} / {claim:?}\n  got  {got}\n  want {want}")
            })
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn indefinite_descriptions_are_unnamed_but_names_are_not() {
    use SourceType::*;
    assert_eq!(
        kind("Lorna Vey", "", "A former Scientologist said"),
        Anonymous
    );
    assert_eq!(kind("Lorna Vey", "", "an Obama aide said"), Anonymous);
    assert_eq!(kind("Lorna Vey", "", "One Direction said"), NamedOnRecord);
    assert_eq!(kind("Lorna Vey", "", "Some reports say"), Unattributed);
}

#[test]
fn classifier_applies_the_precedence_table() {
    use super::{Attribution, FoundIn, Speaker, SpeakerKind};
    let speaker = |kind| Speaker {
        phrase: "Dana Whitcombe",
        kind,
        cue: SourceCue::Rule("test"),
    };
    let with = |f: Setup| {
        let mut a = Attribution {
            found_in: FoundIn::Fields,
            has_text: true,
            ..Attribution::EMPTY
        };
        f(&mut a);
        classify(&a).0
    };
    // Each rule, and each rule beating the ones below it.
    type Setup = fn(&mut Attribution<'static>);
    let table: &[(Setup, SourceType)] = &[
        (|a| a.anonymity = Some(0), Anonymous),
        (
            |a| {
                a.anonymity = Some(0);
                a.exclusive = Some(1);
                a.speaker = Speaker {
                    phrase: "X Y",
                    kind: SpeakerKind::Named,
                    cue: SourceCue::Rule("t"),
                };
            },
            ExclusiveAnonymous,
        ),
        (
            |a| {
                a.speaker = Speaker {
                    phrase: "a source",
                    kind: SpeakerKind::Unnamed,
                    cue: SourceCue::Rule("t"),
                }
            },
            Anonymous,
        ),
        (
            |a| {
                a.speaker = Speaker {
                    phrase: "critics",
                    kind: SpeakerKind::Group,
                    cue: SourceCue::Rule("t"),
                }
            },
            Anonymous,
        ),
        (
            |a| {
                a.speaker = Speaker {
                    phrase: "X Y",
                    kind: SpeakerKind::Named,
                    cue: SourceCue::Rule("t"),
                };
                a.document = Some(0);
            },
            Document,
        ),
        (
            |a| {
                a.speaker = Speaker {
                    phrase: "X Y",
                    kind: SpeakerKind::Person,
                    cue: SourceCue::Rule("t"),
                };
                a.platform = Some(0);
            },
            SocialPost,
        ),
        (
            |a| {
                a.speaker = Speaker {
                    phrase: "X Y",
                    kind: SpeakerKind::Named,
                    cue: SourceCue::Rule("t"),
                };
                a.role = Some(0);
            },
            OfficialStatement,
        ),
        (|a| a.unnamed = Some(0), Anonymous),
        (
            |a| {
                a.speaker = Speaker {
                    phrase: "X",
                    kind: SpeakerKind::Organisation,
                    cue: SourceCue::Rule("t"),
                }
            },
            OfficialStatement,
        ),
        (
            |a| {
                a.speaker = Speaker {
                    phrase: "X Y",
                    kind: SpeakerKind::Person,
                    cue: SourceCue::Rule("t"),
                }
            },
            SubjectOnRecord,
        ),
        (
            |a| {
                a.speaker = Speaker {
                    phrase: "X Y",
                    kind: SpeakerKind::Named,
                    cue: SourceCue::Rule("t"),
                }
            },
            NamedOnRecord,
        ),
        (
            |a| {
                a.speaker = Speaker {
                    phrase: "Lumora",
                    kind: SpeakerKind::Named,
                    cue: SourceCue::Rule("t"),
                };
                a.statement = Some(0);
            },
            OfficialStatement,
        ),
        (
            |a| {
                a.speaker = Speaker {
                    phrase: "X",
                    kind: SpeakerKind::OwnOutlet,
                    cue: SourceCue::Rule("t"),
                }
            },
            OutletAsserted,
        ),
        (
            |a| {
                a.speaker = Speaker {
                    phrase: "X",
                    kind: SpeakerKind::OtherOutlet,
                    cue: SourceCue::Rule("t"),
                }
            },
            Secondhand,
        ),
        (
            |a| {
                a.speaker = Speaker {
                    phrase: "she",
                    kind: SpeakerKind::Pronoun,
                    cue: SourceCue::Rule("t"),
                }
            },
            SubjectOnRecord,
        ),
        (
            |a| {
                a.speaker = Speaker {
                    phrase: "she",
                    kind: SpeakerKind::Pronoun,
                    cue: SourceCue::Rule("t"),
                };
                a.pronoun_mismatch = true;
            },
            NamedOnRecord,
        ),
        (
            |a| {
                a.speaker = Speaker {
                    phrase: "they",
                    kind: SpeakerKind::Pronoun,
                    cue: SourceCue::Rule("t"),
                }
            },
            Unknown,
        ),
        (
            |a| {
                a.found_in = FoundIn::Claim;
                a.speaker = Speaker {
                    phrase: "they",
                    kind: SpeakerKind::Pronoun,
                    cue: SourceCue::Rule("t"),
                }
            },
            Anonymous,
        ),
        (
            |a| {
                a.found_in = FoundIn::Claim;
                a.statement = Some(0);
                a.speaker = Speaker {
                    phrase: "they",
                    kind: SpeakerKind::Pronoun,
                    cue: SourceCue::Rule("t"),
                }
            },
            Unknown,
        ),
        (
            |a| {
                a.speaker = Speaker {
                    phrase: "the actress",
                    kind: SpeakerKind::Epithet,
                    cue: SourceCue::Rule("t"),
                }
            },
            Unknown,
        ),
        (|a| a.outlet_voice = Some(0), OutletAsserted),
        (
            |a| {
                a.report = Some(super::Report {
                    cue: 0,
                    statement: None,
                })
            },
            Secondhand,
        ),
        (
            |a| {
                a.report = Some(super::Report {
                    cue: 0,
                    statement: Some(1),
                })
            },
            OfficialStatement,
        ),
        (|a| a.outlet_named = Some(true), OutletAsserted),
        (|a| a.outlet_named = Some(false), Secondhand),
        (|a| a.statement = Some(0), OfficialStatement),
        (|a| a.setting = Some(0), SubjectOnRecord),
        (|a| a.hedge = Some(0), Unattributed),
        (|_| {}, Unknown),
        (|a| a.found_in = FoundIn::Nowhere, Unattributed),
    ];
    for (i, (set, want)) in table.iter().enumerate() {
        let mut got = with(*set);
        if i == table.len() - 1 {
            // "Nowhere" has no text: rule 9.
            let mut a = Attribution::EMPTY;
            set(&mut a);
            got = classify(&a).0;
        }
        assert_eq!(got, *want, "table row {i}");
    }
    let _ = speaker(SpeakerKind::Named);
}

#[test]
fn claim_text_pronoun_after_the_person_named_in_a_paraphrase_is_the_person() {
    let (t, cue) = label_of(
        "Samantha Olivieri",
        "",
        "",
        "Then a student in Washington Heights, Ms. Olivieri found skating a salve, she said.",
    );
    assert_eq!(
        (t, cue.as_str()),
        (SubjectOnRecord, rule::PRONOUN_IS_PERSON)
    );
    // Named inside a quotation, the person is spoken of by someone else.
    assert_eq!(
        label_of(
            "Donald Trump",
            "",
            "",
            "\"Trump is a liar,\" she said, standing beside Senator Warren."
        )
        .0,
        NamedOnRecord
    );
}

#[test]
fn a_quotation_speaking_of_him_is_not_his_own() {
    // In his own words a man says "I"; a quoted "he" is someone else, and the row's person.
    let quote = "\u{201c}I think he has got to clean this up. It was done by staff.\u{201d}";
    assert_eq!(
        label_of("Donald Trump", "He", "He added", quote).0,
        NamedOnRecord
    );
    assert_eq!(
        label_of("Donald Trump", "", "", &format!("{quote} he added.")).0,
        NamedOnRecord
    );
    // Unquoted, "he said he" is the person speaking of himself.
    assert_eq!(
        label_of(
            "Donald Trump",
            "he",
            "he said",
            "he does not believe there is a link"
        )
        .0,
        SubjectOnRecord
    );
    // A quoted "she" about a man says nothing of who speaks.
    assert_eq!(
        label_of("Donald Trump", "he", "he said", "\"She is wrong,\"").0,
        SubjectOnRecord
    );
    // The person's gender unknown, the speaker's pronoun decides it.
    assert_eq!(
        label_of(
            "Alex Rowe",
            "she",
            "she said",
            "\"Her record speaks for itself,\""
        )
        .0,
        NamedOnRecord
    );
}

#[test]
fn an_opening_subordinate_clause_is_passed_by() {
    // Not when its main clause reports nothing: an auxiliary alone is no report.
    assert_eq!(
        claim_only("While Vey's rep denies she's ill, her health woes have been numerous."),
        OfficialStatement
    );
    let claim = "While Kathy Griffin continues her crusade, sources say she is seething.";
    assert_eq!(label_of("Anderson Cooper", "", "", claim).0, Anonymous);
    // Without a report after its comma, the clause's own report is the attribution.
    let claim = "Because a spokesman said the tour is on, fans stayed.";
    assert_eq!(label_of("Greg Norman", "", "", claim).0, OfficialStatement);
    assert_eq!(
        label_of(
            "Anderson Cooper",
            "",
            "",
            "Insiders say Cooper had no choice."
        )
        .0,
        Anonymous
    );
}

/// The label of a row whose only text is its claim, about Kim Vey in People.
fn claim_only(claim: &str) -> SourceType {
    label_in("People", "Kim Vey", "", "", claim).0
}

#[test]
fn a_passive_verbs_agent_after_by_speaks() {
    let vey = "Kim Vey";
    // The subject of a passive report is the topic; the agent after "by" is the source.
    assert_eq!(
        label_in(
            "People",
            vey,
            "",
            "The split was confirmed by her publicist",
            "x"
        )
        .0,
        OfficialStatement
    );
    assert_eq!(
        label_in("People", vey, "", "The news was confirmed by Vey", "x").0,
        SubjectOnRecord
    );
    // Inside the claim text: "News" is no named speaker.
    assert_eq!(
        claim_only("News of the split was first reported by TMZ."),
        Secondhand
    );
    assert_eq!(
        claim_only("The split was confirmed by her publicist."),
        OfficialStatement
    );
}

#[test]
fn an_opening_platform_and_a_named_outlet_after_a_hedge_are_kept() {
    // The participle is dropped, the platform it names is not.
    assert_eq!(
        claim_only("Writing on Instagram, Dara Lowe said Vey was a true friend."),
        SocialPost
    );
    // A bare hedge at the start gives way to the outlet the sentence ends with...
    assert_eq!(
        claim_only("It is believed the studio will recast the role, according to Deadline."),
        Secondhand
    );
    // ...and stays when none follows.
    assert_eq!(
        claim_only("It is believed the studio will recast the role."),
        Unattributed
    );
}

#[test]
fn a_title_inside_a_name_makes_no_organisation_and_a_passive_report_with_no_agent_no_outlet() {
    // "Redline Records" is an institution's name; a title before a person's is not.
    assert_eq!(
        kind(
            "Hillary Clinton",
            "",
            "Former Attorney General Michael Mukasey told delegates"
        ),
        NamedOnRecord
    );
    assert_eq!(
        kind("Ann Lee", "", "Redline Records said"),
        OfficialStatement
    );
    // "were reported" names no one; "reported by TMZ" names TMZ.
    assert_eq!(kind("Selena Gomez", "", "were reported"), Unattributed);
    assert_eq!(
        kind("Selena Gomez", "", "The singer was also reported telling"),
        Unattributed
    );
    assert_eq!(kind("Selena Gomez", "", "was reported by TMZ"), Secondhand);
    assert_eq!(
        kind("Selena Gomez", "", "was first reported by TMZ"),
        Secondhand
    );
}

#[test]
fn a_plural_subject_reports_in_the_present() {
    assert_eq!(
        claim_only("Vey will not attend the awards, multiple sources confirm to Us Weekly."),
        Anonymous
    );
    assert_eq!(
        claim_only("Morale has suffered, and employees complain of Vey's silence."),
        Anonymous
    );
}

#[test]
fn a_bare_hedge_beside_a_quotation_gives_way_to_the_sentences_end() {
    assert_eq!(
        claim_only(
            "The rumors are all over the place: it's been going on for \"a few months,\" and \
             they were seen together, a source told Page Six on Wednesday."
        ),
        Anonymous
    );
    // With no source at the end, the hedge is still the cue.
    assert_eq!(
        claim_only("The rumors are all over the place: it's been going on for \"a few months.\""),
        Unattributed
    );
}

#[test]
fn surfacing_reports_unnamed_people_groups_and_research() {
    // Reports that surface or emerge name no one, even when an outlet follows.
    assert_eq!(
        claim_only("Reports are surfacing that Vey has left the band."),
        Unattributed
    );
    assert_eq!(
        claim_only("There have been reports that Vey is moving to London."),
        Unattributed
    );
    // "that person" is an unnamed individual, like "the person".
    assert_eq!(
        claim_only("That person said Vey had not been seen at the studio for weeks."),
        Anonymous
    );
    // "they" with no one named and no statement is the unnamed group the story spoke to...
    assert_eq!(
        claim_only("Vey and the label have parted ways, they insist."),
        Anonymous
    );
    // ... but "they" speaking in a statement is not anonymous.
    assert_ne!(
        claim_only("\"We have parted ways,\" they said in a joint statement."),
        Anonymous
    );
    assert_eq!(
        claim_only("Protest groups say Vey's tour dates were cancelled."),
        Anonymous
    );
    assert_eq!(
        claim_only("Research conducted for the label showed Vey's fans are mostly teenagers."),
        Document
    );
}

#[test]
fn an_outlets_own_voice_at_the_end_relays_no_one() {
    // The subject of the claim is not its source: the outlet that "has learned" is.
    let claim = "Vey and Okafor love their booze, RadarOnline.com has learned.";
    assert_eq!(label_in("", "Kim Vey", "", "", claim).0, OutletAsserted);
    assert_eq!(
        label_in("RadarOnline.com", "Kim Vey", "", "", claim).0,
        OutletAsserted
    );
    assert_eq!(claim_only(claim), Secondhand);
    // An outlet that only relays a speaker still gives way to the speaker.
    assert_eq!(
        claim_only("\"It's over,\" Vey said, according to USA Today."),
        SubjectOnRecord
    );
}

#[test]
fn a_gossip_blog_is_an_outlet_not_a_hedge() {
    assert_eq!(
        claim_only(
            "Vey is headed to the Bahamas, the Terez Owens sports-gossip blog reported Monday."
        ),
        Secondhand
    );
    // Gossip with no outlet is still a hedge.
    assert_eq!(
        claim_only("Gossip has it that Vey is headed to the Bahamas."),
        Unattributed
    );
}

#[test]
fn a_name_alone_after_an_opening_phrase_speaks() {
    // Not "Maine", a name inside the opening phrase.
    assert_eq!(
        claim_only("At the Maine rally, Okafor said that Vey had begged him for an endorsement."),
        NamedOnRecord
    );
    assert_eq!(
        claim_only("Tuesday in New York City, former president Kim Vey said the tour is over."),
        SubjectOnRecord
    );
    // A role after the comma is still a role.
    assert_eq!(
        claim_only("In a statement on Tuesday, Vey's rep said the tour is over."),
        OfficialStatement
    );
}

#[test]
fn said_that_source_names_the_speaker() {
    assert_eq!(
        claim_only("\"It's just fun,\" said that source, who described Vey as \"excited.\""),
        Anonymous
    );
    assert_eq!(claim_only("Vey is single, said that insider."), Anonymous);
}

#[test]
fn a_platform_a_few_words_after_the_verb_is_the_channel() {
    assert_eq!(
        claim_only("Kim Vey announced her pregnancy in February on Instagram."),
        SocialPost
    );
    // Not past "that": what follows is the claim, where a platform is the topic.
    assert_ne!(
        claim_only("Kim Vey said that her pregnancy was leaked on Instagram."),
        SocialPost
    );
}
