//! The front matter of each kind of document, exactly as editors write it.
//!
//! Every struct denies unknown fields, so a typo such as `titel:` is an
//! error naming the closest field rather than a silently lost value.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    News,
    Feature,
    Diary,
    Photo,
    Brief,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::News => "news",
            Kind::Feature => "feature",
            Kind::Diary => "diary",
            Kind::Photo => "photo",
            Kind::Brief => "brief",
        }
    }

    /// The label readers see.
    pub fn label(self) -> &'static str {
        match self {
            Kind::News => "新闻",
            Kind::Feature => "特写",
            Kind::Diary => "蹲点日记",
            Kind::Photo => "图片新闻",
            Kind::Brief => "简讯",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleFront {
    pub title: String,
    pub date: String,
    /// When the article was last changed, as `date`; structured data's
    /// `dateModified` (the publication date when absent).
    #[serde(default)]
    pub updated: Option<String>,
    #[serde(default)]
    pub kicker: Option<String>,
    #[serde(default)]
    pub subtitle: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub kind: Kind,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub correspondents: Vec<String>,
    #[serde(default)]
    pub photographers: Vec<String>,
    /// Trainee reporters (见习记者), interns (实习生), and writers who are
    /// not staff reporters (an essay or diary signed □毛凯: 作者).
    #[serde(default)]
    pub trainees: Vec<String>,
    #[serde(default)]
    pub interns: Vec<String>,
    #[serde(default)]
    pub writers: Vec<String>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub organisations: Vec<String>,
    #[serde(default)]
    pub programmes: Vec<String>,
    #[serde(default)]
    pub awards: Vec<AwardEntry>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub image: Option<ImageEntry>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub extra: serde_json::Value,
}

/// `awards:` takes a plain name or a mapping with recipients and a count.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum AwardEntry {
    Name(String),
    Full(AwardDetail),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardDetail {
    pub name: String,
    #[serde(default)]
    pub recipients: Vec<String>,
    #[serde(default)]
    pub count: Option<u32>,
}

impl AwardEntry {
    pub fn name(&self) -> &str {
        match self {
            AwardEntry::Name(n) => n,
            AwardEntry::Full(d) => &d.name,
        }
    }
}

/// `image:` takes a file name, or a mapping with the alternative text.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ImageEntry {
    Src(String),
    Full(ImageDetail),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageDetail {
    pub src: String,
    #[serde(default)]
    pub alt: String,
    #[serde(default)]
    pub caption: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    National,
    Provincial,
    City,
    Industry,
    Enterprise,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::National => "全国",
            Level::Provincial => "省级",
            Level::City => "市级",
            Level::Industry => "行业",
            Level::Enterprise => "企业",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeFront {
    pub title: String,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub extra: serde_json::Value,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardFront {
    pub title: String,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub level: Option<Level>,
    #[serde(default)]
    pub issuer: Option<String>,
    #[serde(default)]
    pub extra: serde_json::Value,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFront {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub extra: serde_json::Value,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BulletinFront {
    pub title: String,
    pub number: String,
    pub date: String,
    #[serde(default)]
    pub articles: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub extra: serde_json::Value,
}
