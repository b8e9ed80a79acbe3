//! The topics as a REFI-QDA codebook (`.qdc`), the exchange format that the QDA tools
//! (Taguette, `QualCoder`, ATLAS.ti, MAXQDA, `NVivo`) import: actors and themes as codes,
//! grouped by kind, with the names that find them in each code's description.

use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use uuid::Uuid;

use crate::core::catalogue::{ActorKind, Group, PatternSort, Topic};
use crate::core::sanitize::clean;

/// The codebook standard's XML namespace.
const NAMESPACE: &str = "urn:QDA-XML:codebook:1.0";

/// pilcrow's own namespace for name-based GUIDs (UUID version 5): the same topic gets the same
/// GUID in every export, so a QDA tool that imports the codebook again matches its codes.
const GUIDS: Uuid = Uuid::from_u128(0x6c2f_0b8e_5d1a_4c3e_9f7a_2b8d_1e4c_7a90);

/// The colour of a kind's codes, one per kind so that they read apart in a QDA tool.
fn colour(group: Group) -> &'static str {
    match group {
        Group::Actor(ActorKind::Person) => "#1F77B4",
        Group::Actor(ActorKind::State) => "#2CA02C",
        Group::Actor(ActorKind::Organisation) => "#FF7F0E",
        Group::Actor(ActorKind::Group) => "#9467BD",
        Group::Actor(ActorKind::Place) => "#8C564B",
        Group::Actor(ActorKind::Other) => "#7F7F7F",
        Group::Theme => "#D62728",
    }
}

fn guid(name: &str) -> String {
    Uuid::new_v5(&GUIDS, name.as_bytes())
        .hyphenated()
        .to_string()
        .to_uppercase()
}

/// What finds the topic, for the code's description: "aliases: Russian Federation; metonyms:
/// Moscow".
fn description(topic: &Topic) -> String {
    let mut parts = vec![format!("pilcrow id: {}", topic.id)];
    for (sort, heading) in [
        (PatternSort::Alias, "aliases"),
        (PatternSort::Metonym, "metonyms"),
        (PatternSort::Demonym, "demonyms"),
        (PatternSort::Short, "short forms"),
        (PatternSort::Term, "terms"),
        (PatternSort::Phrase, "phrases"),
    ] {
        let names: Vec<&str> = topic
            .patterns
            .iter()
            .filter(|p| p.sort == sort && p.text != topic.label)
            .map(|p| p.text.as_str())
            .collect();
        if !names.is_empty() {
            parts.push(format!("{heading}: {}", names.join(", ")));
        }
    }
    parts.join("; ")
}

/// Writes the codebook: a code "Actors" holding one code per kind holding the actors, and a
/// code "Themes" holding the themes. Grouping codes are not codable; topics are. Text from a
/// catalogue or a document is cleaned (no control or invisible characters) and escaped.
pub fn write(out: impl Write, topics: &[Topic], origin: &str) -> io::Result<()> {
    let mut xml = Writer::new_with_indent(out, b' ', 2);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    let mut root = BytesStart::new("CodeBook");
    root.push_attribute(("xmlns", NAMESPACE));
    root.push_attribute(("origin", origin));
    xml.write_event(Event::Start(root))?;
    xml.write_event(Event::Start(BytesStart::new("Codes")))?;
    let actors: Vec<&Topic> = topics.iter().filter(|t| t.group.is_actor()).collect();
    if !actors.is_empty() {
        open_group(
            &mut xml,
            "Actors",
            "group:actors",
            "People, states, organisations, groups and places the text names",
        )?;
        for kind in ActorKind::ALL {
            let of_kind: Vec<&&Topic> = actors
                .iter()
                .filter(|t| t.group == Group::Actor(kind))
                .collect();
            if of_kind.is_empty() {
                continue;
            }
            open_group(
                &mut xml,
                kind.as_str(),
                &format!("kind:{}", kind.as_str()),
                &format!("Actors of kind {}", kind.as_str()),
            )?;
            for topic in of_kind {
                write_topic(&mut xml, topic)?;
            }
            xml.write_event(Event::End(BytesEnd::new("Code")))?;
        }
        xml.write_event(Event::End(BytesEnd::new("Code")))?;
    }
    let themes: Vec<&Topic> = topics.iter().filter(|t| !t.group.is_actor()).collect();
    if !themes.is_empty() {
        open_group(&mut xml, "Themes", "group:themes", "What the text is about")?;
        for topic in themes {
            write_topic(&mut xml, topic)?;
        }
        xml.write_event(Event::End(BytesEnd::new("Code")))?;
    }
    if topics.is_empty() {
        // The standard asks for at least one code.
        open_group(&mut xml, "Topics", "group:topics", "No topics were found")?;
        xml.write_event(Event::End(BytesEnd::new("Code")))?;
    }
    xml.write_event(Event::End(BytesEnd::new("Codes")))?;
    xml.write_event(Event::End(BytesEnd::new("CodeBook")))?;
    let mut out = xml.into_inner();
    out.write_all(b"\n")
}

fn open_group<W: Write>(xml: &mut Writer<W>, name: &str, key: &str, about: &str) -> io::Result<()> {
    let mut code = BytesStart::new("Code");
    code.push_attribute(("guid", guid(key).as_str()));
    code.push_attribute(("name", name));
    code.push_attribute(("isCodable", "false"));
    xml.write_event(Event::Start(code))?;
    write_description(xml, about)
}

fn write_topic<W: Write>(xml: &mut Writer<W>, topic: &Topic) -> io::Result<()> {
    let mut code = BytesStart::new("Code");
    code.push_attribute(("guid", guid(&format!("topic:{}", topic.id)).as_str()));
    code.push_attribute(("name", clean(&topic.label).as_str()));
    code.push_attribute(("isCodable", "true"));
    code.push_attribute(("color", colour(topic.group)));
    xml.write_event(Event::Start(code))?;
    write_description(xml, &description(topic))?;
    xml.write_event(Event::End(BytesEnd::new("Code")))?;
    Ok(())
}

fn write_description<W: Write>(xml: &mut Writer<W>, text: &str) -> io::Result<()> {
    xml.write_event(Event::Start(BytesStart::new("Description")))?;
    xml.write_event(Event::Text(BytesText::new(&clean(text))))?;
    xml.write_event(Event::End(BytesEnd::new("Description")))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_stable_and_in_the_standards_form() {
        let a = guid("topic:russia");
        assert_eq!(a, guid("topic:russia"));
        assert_ne!(a, guid("topic:iran"));
        let groups: Vec<usize> = a.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert!(a.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
    }
}
