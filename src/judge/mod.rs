//! Judging a claim: its source type and the cue behind it, its standing, its stance, its tone.
//! The one place where the attribution parser and classifier, the stance rules and the tone
//! scorer meet.

pub mod attribution;

use crate::claim::Claim;
use crate::cues::Cues;
use crate::source_type::{SourceType, Standing};
use crate::stance::{self, Stance};
use crate::tone::{Scorer, Tone};
use attribution::SourceCue;

/// Everything claimtrack decides about one claim. Stance and tone are `None` when the command
/// did not ask for them (see `Needs`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Judgement {
    pub source_type: SourceType,
    pub source_cue: SourceCue,
    pub stance: Option<Stance>,
    pub tone: Option<Tone>,
}

/// What a command needs judged besides the source type. Commands skip what they never use:
/// `report` prints no stance, `topics` and `outlets` no tone, and on millions of rows that is
/// a good part of the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needs {
    pub stance: bool,
    pub tone: bool,
    /// With `stance`: infer it only where a topic's status can hinge on it, the on-the-record
    /// rows with a topic (a rumor-tier row's stance only adds to counters), and leave it `None`
    /// elsewhere: for `brief`, which shows statuses but not those counters.
    pub stance_for_resolutions_only: bool,
}

impl Needs {
    pub const ALL: Needs = Needs {
        stance: true,
        tone: true,
        stance_for_resolutions_only: false,
    };
}

impl Judgement {
    pub fn standing(&self) -> Standing {
        self.source_type.standing()
    }
}

/// The rules and tables every worker thread shares, read-only.
pub struct Judge {
    pub cues: Cues,
    pub tone: Scorer,
    pub needs: Needs,
}

/// Per-thread buffers, so judging a row allocates nothing.
#[derive(Debug, Default)]
pub struct Scratch {
    attribution: attribution::Scratch,
    stance: Vec<crate::cues::Hit>,
}

impl Judge {
    pub fn judge(&self, claim: &Claim<'_>, scratch: &mut Scratch) -> Judgement {
        let (source_type, source_cue) = match claim.given_source_type {
            Some(given) => (given, SourceCue::Given),
            None => attribution::label(&self.cues, claim, &mut scratch.attribution),
        };
        let needs_stance = self.needs.stance
            && (!self.needs.stance_for_resolutions_only
                || (source_type.standing() == Standing::OnRecord && !claim.topic.is_empty()));
        let stance = match (claim.given_stance, needs_stance) {
            (Some(given), _) => Some(given),
            (None, true) => Some(stance::infer(
                &self.cues,
                claim.attribution,
                claim.claim,
                &mut scratch.stance,
            )),
            (None, false) => None,
        };
        let tone = self.needs.tone.then(|| self.tone.score(claim.claim));
        Judgement {
            source_type,
            source_cue,
            stance,
            tone,
        }
    }
}
