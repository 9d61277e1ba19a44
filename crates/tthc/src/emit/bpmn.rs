//! BPMN 2.0 export of one procedure version: an executable process (Camunda 7 and 8
//! attributes, our `tthc` extension elements) with a diagram laid out left to right, one
//! lane per role, so that bpmn.io opens it drawn.
//!
//! Written with a few string helpers rather than an XML library: the document's shape is
//! fixed and small, and escaping is the only subtle part.

use super::workflow::{Allotment, Minutes, WorkflowConfig};
use std::fmt::Write;

/// Our extension namespace (documented in `docs/bpmn.md`).
pub const TTHC_NS: &str = "https://tthc.example/schema/bpmn/1.0";
/// Camunda 7 extension namespace.
pub const CAMUNDA_NS: &str = "http://camunda.org/schema/1.0/bpmn";
/// Camunda 8 (Zeebe) extension namespace.
pub const ZEEBE_NS: &str = "http://camunda.org/schema/zeebe/1.0";

const POOL_X: i64 = 160;
const POOL_Y: i64 = 80;
/// Width of the pool's label band on the left.
const POOL_LABEL: i64 = 30;
/// Tall enough for bpmn.io to wrap a long Vietnamese role title in the lane's label band.
const LANE_H: i64 = 180;
const EVENT: i64 = 36;
const TASK_W: i64 = 100;
const TASK_H: i64 = 80;
/// Horizontal distance between the left edges of consecutive nodes.
const PITCH: i64 = 170;
/// Leaves room after the lane labels, which overflow their band when a title is long.
const FIRST_X: i64 = POOL_X + POOL_LABEL + 80;

/// Escapes text for an XML attribute or element. The checker keeps the characters XML
/// forbids (control characters, non-characters) out of the catalogue (TTHC033).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // An XML parser turns a literal tab or line break in an attribute into a
            // space (attribute-value normalisation); references keep them.
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            // XML 1.0 has no way to write these at all; a catalogue that passed the
            // checker has none, but a library caller's model might.
            '\u{0}'..='\u{8}'
            | '\u{b}'
            | '\u{c}'
            | '\u{e}'..='\u{1f}'
            | '\u{fffe}'
            | '\u{ffff}' => out.push('\u{fffd}'),
            _ => out.push(c),
        }
    }
    out
}

/// The BPMN id of a step's user task.
pub fn task_id(step: &str) -> String {
    format!("Task_{step}")
}

/// The BPMN id of the process of a version.
pub fn process_id(c: &WorkflowConfig) -> String {
    format!("Process_{}_{}", c.procedure.id, c.version.key)
}

fn allotment_attrs(a: &Allotment) -> String {
    match a {
        Allotment::Days {
            days,
            working_minutes,
            ..
        } => {
            let m = match working_minutes {
                Minutes::Whole(n) => n.to_string(),
                Minutes::Fraction(f) => f.clone(),
            };
            format!(
                r#"kind="days" days="{}" workingMinutes="{}""#,
                escape(days),
                m
            )
        }
        Allotment::SameDay => r#"kind="same_day""#.to_string(),
        Allotment::None => r#"kind="none""#.to_string(),
    }
}

/// A node of the drawn flow: id, lane index, left x, and whether it is an event.
struct Node {
    id: String,
    lane: usize,
    x: i64,
    event: bool,
}

impl Node {
    fn size(&self) -> (i64, i64) {
        if self.event {
            (EVENT, EVENT)
        } else {
            (TASK_W, TASK_H)
        }
    }
    fn center_y(&self) -> i64 {
        POOL_Y + self.lane as i64 * LANE_H + LANE_H / 2
    }
    fn bounds(&self) -> (i64, i64, i64, i64) {
        let (w, h) = self.size();
        (self.x, self.center_y() - h / 2, w, h)
    }
}

/// Renders the BPMN document of one version.
pub fn render(c: &WorkflowConfig) -> String {
    // Lanes in order of first appearance, so the drawing reads top-down like the steps.
    let mut lanes: Vec<(&str, &str)> = Vec::new();
    for s in &c.steps {
        if !lanes.iter().any(|(id, _)| *id == s.role.id) {
            lanes.push((&s.role.id, &s.role.title));
        }
    }
    let lane_of = |role: &str| lanes.iter().position(|(id, _)| *id == role).unwrap_or(0);

    let mut nodes = vec![Node {
        id: "StartEvent_1".into(),
        lane: c.steps.first().map_or(0, |s| lane_of(&s.role.id)),
        x: FIRST_X,
        event: true,
    }];
    for (i, s) in c.steps.iter().enumerate() {
        nodes.push(Node {
            id: task_id(&s.id),
            lane: lane_of(&s.role.id),
            x: FIRST_X + EVENT + 54 + i as i64 * PITCH,
            event: false,
        });
    }
    nodes.push(Node {
        id: "EndEvent_1".into(),
        lane: c.steps.last().map_or(0, |s| lane_of(&s.role.id)),
        x: FIRST_X + EVENT + 54 + c.steps.len() as i64 * PITCH + 32,
        event: true,
    });
    let flow = |i: usize| format!("Flow_{}", i + 1);

    let pid = process_id(c);
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        x,
        r#"<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="{CAMUNDA_NS}" xmlns:zeebe="{ZEEBE_NS}" xmlns:tthc="{TTHC_NS}" id="Definitions_1" targetNamespace="{TTHC_NS}" exporter="tthc" exporterVersion="{}">"#,
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(x, r#"  <bpmn:collaboration id="Collaboration_1">"#);
    let _ = writeln!(
        x,
        r#"    <bpmn:participant id="Participant_1" name="{}" processRef="{}" />"#,
        escape(&c.procedure.name),
        escape(&pid)
    );
    let _ = writeln!(x, "  </bpmn:collaboration>");

    let _ = writeln!(
        x,
        r#"  <bpmn:process id="{}" name="{}" isExecutable="true" camunda:historyTimeToLive="P180D" camunda:versionTag="{}">"#,
        escape(&pid),
        escape(&c.procedure.name),
        escape(&c.version.key)
    );
    let _ = writeln!(
        x,
        "    <bpmn:documentation>{} — Quyết định {}, mục {}</bpmn:documentation>",
        escape(&c.procedure.name),
        escape(&c.source.decision),
        escape(&c.source.item)
    );
    x.push_str("    <bpmn:extensionElements>\n");
    let _ = writeln!(
        x,
        r#"      <tthc:procedure id="{}"{} version="{}" validFrom="{}"{} decision="{}" item="{}" authority="{}" />"#,
        escape(&c.procedure.id),
        c.procedure
            .code
            .as_ref()
            .map(|v| format!(r#" code="{}""#, escape(v)))
            .unwrap_or_default(),
        escape(&c.version.key),
        escape(&c.version.valid_from),
        c.version
            .valid_until
            .as_ref()
            .map(|v| format!(r#" validUntil="{}""#, escape(v)))
            .unwrap_or_default(),
        escape(&c.source.decision),
        escape(&c.source.item),
        escape(&c.authority.id)
    );
    let _ = writeln!(
        x,
        r#"      <tthc:calendar id="{}" workingMinutes="{}" dueTime="{}" cutoffReach="{}"{} />"#,
        escape(&c.calendar.calendar),
        c.calendar.minutes,
        escape(&c.calendar.due_time),
        escape(&c.calendar.cutoff_reach),
        c.calendar
            .cutoff
            .as_ref()
            .map(|v| format!(r#" cutoff="{}""#, escape(v)))
            .unwrap_or_default()
    );
    let _ = writeln!(
        x,
        r#"      <tthc:total {}{}{} />"#,
        allotment_attrs(&c.total.allotment),
        if c.total.case_required {
            r#" caseRequired="true""#
        } else {
            ""
        },
        c.total
            .cutoff
            .as_ref()
            .map(cutoff_attrs)
            .unwrap_or_default()
    );
    for v in &c.total.variants {
        let title = c
            .variants
            .iter()
            .find(|t| t.id == v.variant)
            .map(|t| t.title.as_str())
            .unwrap_or("");
        let _ = writeln!(
            x,
            r#"      <tthc:variant id="{}" name="{}" {} written="{}"{}{} />"#,
            escape(&v.variant),
            escape(title),
            allotment_attrs(&v.allotment),
            v.written,
            if v.undivided {
                r#" undivided="true""#
            } else {
                ""
            },
            v.cutoff.as_ref().map(cutoff_attrs).unwrap_or_default()
        );
    }
    x.push_str("    </bpmn:extensionElements>\n");

    if !lanes.is_empty() {
        x.push_str("    <bpmn:laneSet id=\"LaneSet_1\">\n");
        for (li, (role, title)) in lanes.iter().enumerate() {
            let _ = writeln!(
                x,
                r#"      <bpmn:lane id="Lane_{}" name="{}">"#,
                escape(role),
                escape(title)
            );
            for n in nodes.iter().filter(|n| n.lane == li) {
                let _ = writeln!(x, "        <bpmn:flowNodeRef>{}</bpmn:flowNodeRef>", n.id);
            }
            x.push_str("      </bpmn:lane>\n");
        }
        x.push_str("    </bpmn:laneSet>\n");
    }

    let _ = writeln!(
        x,
        r#"    <bpmn:startEvent id="StartEvent_1" name="Bắt đầu">"#
    );
    let _ = writeln!(x, "      <bpmn:outgoing>{}</bpmn:outgoing>", flow(0));
    x.push_str("    </bpmn:startEvent>\n");
    for (i, s) in c.steps.iter().enumerate() {
        // Every role that may perform the step is a candidate group (both engines read a
        // comma-separated list); the task sits in the first role's lane.
        let groups = std::iter::once(&s.role)
            .chain(&s.other_roles)
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>()
            .join(",");
        let performers = s.performer_as_printed.clone().unwrap_or_else(|| {
            std::iter::once(&s.role)
                .chain(&s.other_roles)
                .map(|r| r.title.as_str())
                .collect::<Vec<_>>()
                .join(" / ")
        });
        let _ = writeln!(
            x,
            r#"    <bpmn:userTask id="{}" name="{}" camunda:candidateGroups="{}" camunda:dueDate="${{{}}}">"#,
            escape(&task_id(&s.id)),
            escape(&s.name),
            escape(&groups),
            escape(&s.due_variable)
        );
        let _ = writeln!(
            x,
            "      <bpmn:documentation>{}</bpmn:documentation>",
            escape(&performers)
        );
        x.push_str("      <bpmn:extensionElements>\n");
        x.push_str("        <zeebe:userTask />\n");
        let _ = writeln!(
            x,
            r#"        <zeebe:assignmentDefinition candidateGroups="{}" />"#,
            escape(&groups)
        );
        let _ = writeln!(
            x,
            r#"        <zeebe:taskSchedule dueDate="={}" />"#,
            escape(&s.due_variable)
        );
        let _ = writeln!(
            x,
            r#"        <tthc:allotment {} />"#,
            allotment_attrs(&s.allotment)
        );
        for v in &s.variants {
            let _ = writeln!(
                x,
                r#"        <tthc:variant id="{}" {} />"#,
                escape(&v.variant),
                allotment_attrs(&v.allotment)
            );
        }
        x.push_str("      </bpmn:extensionElements>\n");
        let _ = writeln!(x, "      <bpmn:incoming>{}</bpmn:incoming>", flow(i));
        let _ = writeln!(x, "      <bpmn:outgoing>{}</bpmn:outgoing>", flow(i + 1));
        x.push_str("    </bpmn:userTask>\n");
    }
    let last = nodes.len() - 1;
    let _ = writeln!(x, r#"    <bpmn:endEvent id="EndEvent_1" name="Kết thúc">"#);
    let _ = writeln!(x, "      <bpmn:incoming>{}</bpmn:incoming>", flow(last - 1));
    x.push_str("    </bpmn:endEvent>\n");
    for i in 0..last {
        let _ = writeln!(
            x,
            r#"    <bpmn:sequenceFlow id="{}" sourceRef="{}" targetRef="{}" />"#,
            flow(i),
            nodes[i].id,
            nodes[i + 1].id
        );
    }
    x.push_str("  </bpmn:process>\n");

    // Diagram.
    let end = &nodes[last];
    let pool_w = end.x + EVENT + 50 - POOL_X;
    let pool_h = LANE_H * lanes.len().max(1) as i64;
    x.push_str("  <bpmndi:BPMNDiagram id=\"BPMNDiagram_1\">\n");
    x.push_str("    <bpmndi:BPMNPlane id=\"BPMNPlane_1\" bpmnElement=\"Collaboration_1\">\n");
    shape(
        &mut x,
        "Participant_1",
        (POOL_X, POOL_Y, pool_w, pool_h),
        true,
    );
    for (li, (role, _)) in lanes.iter().enumerate() {
        shape(
            &mut x,
            &format!("Lane_{}", escape(role)),
            (
                POOL_X + POOL_LABEL,
                POOL_Y + li as i64 * LANE_H,
                pool_w - POOL_LABEL,
                LANE_H,
            ),
            true,
        );
    }
    for n in &nodes {
        shape(&mut x, &n.id, n.bounds(), false);
    }
    for i in 0..last {
        let (a, b) = (&nodes[i], &nodes[i + 1]);
        let (ax, _, aw, _) = a.bounds();
        let (bx, ..) = b.bounds();
        let (sx, sy, tx, ty) = (ax + aw, a.center_y(), bx, b.center_y());
        let mut points = vec![(sx, sy)];
        if sy != ty {
            // Orthogonal route between lanes: across, down or up, across.
            let mid = (sx + tx) / 2;
            points.push((mid, sy));
            points.push((mid, ty));
        }
        points.push((tx, ty));
        let id = flow(i);
        let _ = writeln!(
            x,
            r#"      <bpmndi:BPMNEdge id="{id}_di" bpmnElement="{id}">"#
        );
        for (px, py) in points {
            let _ = writeln!(x, r#"        <di:waypoint x="{px}" y="{py}" />"#);
        }
        x.push_str("      </bpmndi:BPMNEdge>\n");
    }
    x.push_str("    </bpmndi:BPMNPlane>\n");
    x.push_str("  </bpmndi:BPMNDiagram>\n");
    x.push_str("</bpmn:definitions>\n");
    x
}

fn shape(x: &mut String, id: &str, (bx, by, w, h): (i64, i64, i64, i64), horizontal: bool) {
    let h_attr = if horizontal {
        r#" isHorizontal="true""#
    } else {
        ""
    };
    let _ = writeln!(
        x,
        r#"      <bpmndi:BPMNShape id="{id}_di" bpmnElement="{id}"{h_attr}>"#
    );
    let _ = writeln!(
        x,
        r#"        <dc:Bounds x="{bx}" y="{by}" width="{w}" height="{h}" />"#
    );
    x.push_str("      </bpmndi:BPMNShape>\n");
}

/// The attributes of a cutoff: `cutoff="15:00" cutoffFrom="decision" cutoffReach="same_day"`
/// (`none` when none applies to the count).
fn cutoff_attrs(v: &super::workflow::EffectiveCutoff) -> String {
    let mut a = format!(
        r#" cutoff="{}" cutoffFrom="{}""#,
        escape(v.time.as_deref().unwrap_or("none")),
        escape(&v.from)
    );
    if let Some(r) = &v.reach {
        a.push_str(&format!(r#" cutoffReach="{}""#, escape(r)));
    }
    if let Some(d) = &v.decision {
        a.push_str(&format!(r#" cutoffDecision="{}""#, escape(d)));
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape(r#"a<b & "c"'"#), "a&lt;b &amp; &quot;c&quot;&apos;");
    }
}
