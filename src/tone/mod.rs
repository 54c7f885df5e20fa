//! Tone: VADER sentiment scores for a claim's text.
//!
//! Interim: backed by the `vader_sentiment` crate until our own scorer, identical to the
//! reference vaderSentiment 3.3.2, replaces it (issue 3). The interface stays this narrow.

use std::fmt;

/// VADER scores, rounded the way the reference rounds them (compound to 4 decimals, the rest to 3).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Tone {
    pub compound: f64,
    pub pos: f64,
    pub neu: f64,
    pub neg: f64,
}

impl Tone {
    /// `positive` at compound >= 0.05, `negative` at <= -0.05, else `neutral`.
    pub fn label(&self) -> &'static str {
        if self.compound >= 0.05 {
            "positive"
        } else if self.compound <= -0.05 {
            "negative"
        } else {
            "neutral"
        }
    }
}

pub struct Scorer {
    analyzer: vader_sentiment::SentimentIntensityAnalyzer<'static>,
}

#[derive(Debug)]
pub struct LexiconError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for LexiconError {}

impl Default for Scorer {
    fn default() -> Self {
        Scorer::new()
    }
}

impl Scorer {
    pub fn new() -> Scorer {
        Scorer {
            analyzer: vader_sentiment::SentimentIntensityAnalyzer::new(),
        }
    }

    pub fn extend_lexicon(&mut self, _text: &str) -> Result<usize, LexiconError> {
        Err(LexiconError {
            line: 0,
            message: "not supported by the interim scorer".to_string(),
        })
    }

    pub fn score(&self, text: &str) -> Tone {
        let scores = self.analyzer.polarity_scores(text);
        let get = |k: &str, places: usize| {
            let v = scores.get(k).copied().unwrap_or(0.0);
            format!("{v:.places$}").parse().unwrap_or(0.0)
        };
        Tone {
            compound: get("compound", 4),
            pos: get("pos", 3),
            neu: get("neu", 3),
            neg: get("neg", 3),
        }
    }
}
