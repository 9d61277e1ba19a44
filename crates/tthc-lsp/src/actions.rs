//! Code actions: one quick fix per "did you mean" of a diagnostic, from the replacements
//! the diagnostic carries in its `data` (see [`super::diagnostics`]).

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, TextEdit, Uri, WorkspaceEdit,
};
use std::collections::HashMap;
use tthc::text::Lang;

/// The quick fixes for the diagnostics the client sends with its request.
pub fn quick_fixes(uri: &Uri, diagnostics: &[Diagnostic], lang: Lang) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    for d in diagnostics {
        let Some(list) = d
            .data
            .as_ref()
            .and_then(|v| v.get("replacements"))
            .and_then(|v| v.as_array())
        else {
            continue;
        };
        for r in list {
            let Ok(edit) = serde_json::from_value::<TextEdit>(r.clone()) else {
                continue;
            };
            let insert = edit.range.start == edit.range.end;
            let title = match (lang, insert, edit.new_text.is_empty()) {
                (Lang::En, true, _) => format!("Insert `{}`", edit.new_text),
                (Lang::Vi, true, _) => format!("Chèn `{}`", edit.new_text),
                (Lang::En, false, true) => "Delete it".to_string(),
                (Lang::Vi, false, true) => "Xóa đi".to_string(),
                (Lang::En, false, false) => format!("Replace with `{}`", edit.new_text),
                (Lang::Vi, false, false) => format!("Thay bằng `{}`", edit.new_text),
            };
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: Some(list.len() == 1),
                ..CodeAction::default()
            }));
        }
    }
    out
}
