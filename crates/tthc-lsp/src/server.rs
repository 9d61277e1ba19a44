//! The main loop: reads requests and notifications from the client, checks a catalogue
//! once its edits have settled (debounced), answers each request from the latest
//! analysis. Synchronous: one thread reads, one writes (`lsp-server`'s), this one works.

use super::diagnostics::{self, RuleLinks};
use super::position::Lines;
use super::workspace::{Home, Workspace, uri_to_path};
use super::{actions, complete, hover, lens, navigate, rename, symbols};
use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;
use serde_json::Value;
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::str::FromStr;
use std::time::{Duration, Instant};
use tthc::text::Lang;

/// How long after the last edit a catalogue is checked, unless the client says otherwise
/// (initialization option `debounceMs`).
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(150);

/// The server's settings, from the client's initialization options.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The language of messages, hover and completion details.
    pub lang: Lang,
    /// Where rule codes link to.
    pub links: RuleLinks,
    /// How long after the last edit a catalogue is checked.
    pub debounce: Duration,
}

impl Settings {
    /// The settings an `initialize` request asks for: `initializationOptions.language`
    /// (`vi` or `en`), else the client's `locale` (Vietnamese when it starts with `vi`,
    /// English otherwise), else Vietnamese, the language of the staff who write the
    /// catalogue. `initializationOptions.ruleUrl` (with `{code}`) overrides the rule
    /// pages written under the temporary folder; `debounceMs` the debounce.
    pub fn from_initialize(params: &Value) -> Settings {
        let options = params.get("initializationOptions");
        let option = |k: &str| options.and_then(|o| o.get(k));
        let lang = match option("language").and_then(Value::as_str) {
            Some(l) => Lang::from_locale(l),
            None => match params.get("locale").and_then(Value::as_str) {
                Some(l) => Lang::from_locale(l),
                None => Lang::Vi,
            },
        };
        let links = match option("ruleUrl").and_then(Value::as_str) {
            Some(t) => RuleLinks::Template(t.to_string()),
            None => RuleLinks::pages(lang),
        };
        let debounce = option("debounceMs")
            .and_then(Value::as_u64)
            .map_or(DEFAULT_DEBOUNCE, Duration::from_millis);
        Settings {
            lang,
            links,
            debounce,
        }
    }
}

/// What the server tells the client it can do.
pub fn capabilities() -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(lsp::PositionEncodingKind::UTF16),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Kind(
            lsp::TextDocumentSyncKind::FULL,
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        definition_provider: Some(lsp::OneOf::Left(true)),
        references_provider: Some(lsp::OneOf::Left(true)),
        document_formatting_provider: Some(lsp::OneOf::Left(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec![" ".into(), "\"".into(), ",".into()]),
            ..lsp::CompletionOptions::default()
        }),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                ..lsp::CodeActionOptions::default()
            },
        )),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        workspace_symbol_provider: Some(lsp::OneOf::Left(true)),
        rename_provider: Some(lsp::OneOf::Right(lsp::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: lsp::WorkDoneProgressOptions::default(),
        })),
        code_lens_provider: Some(lsp::CodeLensOptions {
            resolve_provider: Some(false),
        }),
        execute_command_provider: Some(lsp::ExecuteCommandOptions {
            commands: lens::COMMANDS.iter().map(|c| c.to_string()).collect(),
            work_done_progress_options: lsp::WorkDoneProgressOptions::default(),
        }),
        ..lsp::ServerCapabilities::default()
    }
}

/// Runs the server over stdin and stdout until the client says `exit`.
pub fn run_stdio() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let (connection, lost, writer) = stdio();
    let (id, params) = connection.initialize_start()?;
    let settings = Settings::from_initialize(&params);
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": {"name": "tthc", "version": env!("CARGO_PKG_VERSION")},
    });
    connection.initialize_finish(id, result)?;
    Server::new(settings).serve(&connection)?;
    drop(connection);
    writer.join().map_err(|_| "the writer thread failed")??;
    // The reader, when it lost the framing, said so before it closed the connection.
    // (Otherwise it may still be blocked on stdin, which the client closes after `exit`.)
    match lost.try_recv() {
        Ok(lost) => Err(lost.into()),
        Err(_) => Ok(()),
    }
}

/// A connection over stdin and stdout, like `lsp_server::Connection::stdio`, except that
/// a message that is not JSON (or not JSON-RPC) is reported to the client's log and
/// skipped instead of ending the session (a bad message is an answer, not a crash), and
/// that headers and lengths are bounded ([`super::framing`]): when the framing is lost,
/// the reader says why in the client's log and ends, and the session ends with it.
fn stdio() -> (
    Connection,
    crossbeam_channel::Receiver<super::framing::FramingLost>,
    std::thread::JoinHandle<std::io::Result<()>>,
) {
    use super::framing::{Frame, read_frame};
    let (writer_tx, writer_rx) = crossbeam_channel::bounded::<Message>(0);
    let writer = std::thread::spawn(move || {
        let stdout = std::io::stdout();
        let mut stdout = stdout.lock();
        for m in writer_rx {
            m.write(&mut stdout)?;
        }
        Ok(())
    });
    let (reader_tx, reader_rx) = crossbeam_channel::bounded::<Message>(0);
    let log_tx = writer_tx.clone();
    let log_error = move |message: String| {
        let note = Notification::new(
            lsp::notification::LogMessage::METHOD.to_string(),
            lsp::LogMessageParams {
                typ: lsp::MessageType::ERROR,
                message,
            },
        );
        log_tx.send(Message::Notification(note)).is_ok()
    };
    let (lost_tx, lost_rx) = crossbeam_channel::bounded(1);
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut stdin = stdin.lock();
        loop {
            match read_frame(&mut stdin) {
                Ok(Frame::Message(m)) => {
                    let exit = matches!(&m, Message::Notification(n) if n.method == "exit");
                    if reader_tx.send(m).is_err() || exit {
                        return;
                    }
                }
                Ok(Frame::End) => return,
                Ok(Frame::NotJsonRpc(e)) => {
                    if !log_error(format!("tthc: skipped a message that is not JSON-RPC: {e}")) {
                        return;
                    }
                }
                Err(lost) => {
                    log_error(format!("tthc: {lost}; the session ends"));
                    // Before `reader_tx` is dropped, which is what ends the session.
                    let _ = lost_tx.send(lost);
                    return;
                }
            }
        }
    });
    (
        Connection {
            sender: writer_tx,
            receiver: reader_rx,
        },
        lost_rx,
        writer,
    )
}

/// The server's state between messages.
pub struct Server {
    settings: Settings,
    workspace: Workspace,
    /// Catalogues with edits not yet checked, and when to check them.
    pending: HashMap<Home, Instant>,
    /// When each catalogue's text last changed.
    last_edit: HashMap<Home, Instant>,
    /// Notifications to send once the current message is handled.
    outbox: Vec<Message>,
}

impl Server {
    /// A server with nothing open.
    pub fn new(settings: Settings) -> Server {
        Server {
            settings,
            workspace: Workspace::default(),
            pending: HashMap::new(),
            last_edit: HashMap::new(),
            outbox: Vec::new(),
        }
    }

    /// Serves one connection until `shutdown` and `exit`.
    pub fn serve(&mut self, connection: &Connection) -> Result<(), lsp_server::ProtocolError> {
        loop {
            let next = self.pending.values().min().copied();
            let message = match next {
                Some(at) => {
                    match connection
                        .receiver
                        .recv_timeout(at.saturating_duration_since(Instant::now()))
                    {
                        Ok(m) => Some(m),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => return Ok(()),
                    }
                }
                None => match connection.receiver.recv() {
                    Ok(m) => Some(m),
                    Err(_) => return Ok(()),
                },
            };
            match message {
                None => self.check_due(connection),
                Some(Message::Request(req)) => {
                    if connection.handle_shutdown(&req)? {
                        return Ok(());
                    }
                    let response = self.request(req);
                    send(connection, response.into());
                    for m in std::mem::take(&mut self.outbox) {
                        send(connection, m);
                    }
                }
                Some(Message::Notification(n)) => {
                    if n.method == lsp::notification::Exit::METHOD {
                        return Ok(());
                    }
                    let n_method = n.method.clone();
                    let outcome =
                        std::panic::catch_unwind(AssertUnwindSafe(|| self.notification(n)));
                    if outcome.is_err() {
                        log(
                            connection,
                            &format!("tthc: internal error handling {n_method}"),
                        );
                    }
                    for m in std::mem::take(&mut self.outbox) {
                        send(connection, m);
                    }
                }
                Some(Message::Response(_)) => {}
            }
        }
    }

    /// Checks the catalogues whose debounce has run out and publishes their open
    /// documents' diagnostics.
    fn check_due(&mut self, connection: &Connection) {
        let now = Instant::now();
        let due: Vec<Home> = self
            .pending
            .iter()
            .filter(|(_, at)| **at <= now)
            .map(|(h, _)| h.clone())
            .collect();
        for home in due {
            self.pending.remove(&home);
            let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| self.publish(&home)));
            match outcome {
                Ok(messages) => messages.into_iter().for_each(|m| send(connection, m)),
                Err(_) => log(connection, "tthc: internal error while checking"),
            }
        }
    }

    /// The diagnostics notifications for a catalogue's open documents.
    fn publish(&mut self, home: &Home) -> Vec<Message> {
        let Some(analysis) = self.workspace.fresh(home) else {
            return Vec::new();
        };
        self.workspace
            .open_in(home)
            .into_iter()
            .filter_map(|(uri, version)| {
                let file = analysis.file_of(&uri)?;
                let params = lsp::PublishDiagnosticsParams {
                    uri: lsp::Uri::from_str(&uri).ok()?,
                    diagnostics: diagnostics::for_file(
                        &analysis,
                        file,
                        self.settings.lang,
                        &self.settings.links,
                    ),
                    version: Some(version),
                };
                Some(Message::Notification(Notification::new(
                    lsp::notification::PublishDiagnostics::METHOD.to_string(),
                    params,
                )))
            })
            .collect()
    }

    /// Schedules a check after an edit. An edit after a quiet spell (no edit for the
    /// debounce time) is checked at once, so a single change shows its findings as fast as
    /// the check runs; an edit in a burst (typing) waits until the burst has been quiet for
    /// the debounce time, and only the newest text is checked.
    fn schedule(&mut self, uri: &str) {
        let Some(d) = self.workspace.documents.get(uri) else {
            return;
        };
        let now = Instant::now();
        let home = d.home.clone();
        let quiet = self
            .last_edit
            .get(&home)
            .is_none_or(|t| now.duration_since(*t) >= self.settings.debounce);
        let at = if quiet && !self.pending.contains_key(&home) {
            now
        } else {
            now + self.settings.debounce
        };
        self.pending.insert(home.clone(), at);
        self.last_edit.insert(home, now);
    }

    fn notification(&mut self, n: Notification) {
        use lsp::notification::*;
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri.as_str().to_string();
                    self.workspace
                        .open(&uri, p.text_document.text, p.text_document.version);
                    self.schedule(&uri);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params)
                {
                    let uri = p.text_document.uri.as_str().to_string();
                    let Some(doc) = self.workspace.documents.get(&uri) else {
                        return;
                    };
                    // Full sync: the last change holds the whole text; a ranged change
                    // (from a client ignoring the sync kind) is applied to it.
                    let mut text = doc.text.clone();
                    for change in p.content_changes {
                        match change.range {
                            None => text = change.text,
                            Some(r) => {
                                let lines = Lines::new(&text);
                                let (s, e) = (lines.offset(r.start), lines.offset(r.end));
                                let (s, e) = (s.min(e), s.max(e));
                                text.replace_range(s..e, &change.text);
                            }
                        }
                    }
                    self.workspace.open(&uri, text, p.text_document.version);
                    self.schedule(&uri);
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri.as_str().to_string();
                    let home = self.workspace.documents.get(&uri).map(|d| d.home.clone());
                    self.workspace.close(&uri);
                    // A closed file's findings are no longer shown.
                    if let Ok(u) = lsp::Uri::from_str(&uri) {
                        self.outbox
                            .push(Message::Notification(lsp_server::Notification::new(
                                lsp::notification::PublishDiagnostics::METHOD.to_string(),
                                lsp::PublishDiagnosticsParams {
                                    uri: u,
                                    diagnostics: Vec::new(),
                                    version: None,
                                },
                            )));
                    }
                    if let Some(h) = home
                        && self.workspace.catalogues.contains_key(&h)
                    {
                        self.pending
                            .insert(h, Instant::now() + self.settings.debounce);
                    }
                }
            }
            _ => {}
        }
    }

    /// Answers a request; a panic in a handler is an internal error response, never a
    /// crash.
    pub fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        match std::panic::catch_unwind(AssertUnwindSafe(|| self.dispatch(req))) {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
            Err(_) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                "tthc: internal error".to_string(),
            ),
        }
    }

    fn dispatch(&mut self, req: Request) -> Result<Value, (ErrorCode, String)> {
        use lsp::request::*;
        let lang = self.settings.lang;
        match req.method.as_str() {
            HoverRequest::METHOD => {
                let p: lsp::HoverParams = params(req.params)?;
                let at = &p.text_document_position_params;
                let Some((uri, file, offset)) = self.locate(&at.text_document.uri, at.position)
                else {
                    return Ok(Value::Null);
                };
                let (analysis, catalogue) = self.workspace.analysis(&uri).ok_or_else(unknown)?;
                let source = &analysis.checked.files[file];
                Ok(
                    match hover::hover(&analysis, catalogue, file, offset, lang) {
                        Some(h) => to_value(hover::to_lsp(source, h)),
                        None => Value::Null,
                    },
                )
            }
            GotoDefinition::METHOD => {
                let p: lsp::GotoDefinitionParams = params(req.params)?;
                let at = &p.text_document_position_params;
                let Some((uri, file, offset)) = self.locate(&at.text_document.uri, at.position)
                else {
                    return Ok(Value::Null);
                };
                let (analysis, _) = self.workspace.analysis(&uri).ok_or_else(unknown)?;
                Ok(to_value(navigate::definition(&analysis, file, offset)))
            }
            References::METHOD => {
                let p: lsp::ReferenceParams = params(req.params)?;
                let at = &p.text_document_position;
                let Some((uri, file, offset)) = self.locate(&at.text_document.uri, at.position)
                else {
                    return Ok(Value::Null);
                };
                let (analysis, _) = self.workspace.analysis(&uri).ok_or_else(unknown)?;
                Ok(to_value(navigate::references(
                    &analysis,
                    file,
                    offset,
                    p.context.include_declaration,
                )))
            }
            Completion::METHOD => {
                let p: lsp::CompletionParams = params(req.params)?;
                let at = &p.text_document_position;
                let uri = at.text_document.uri.as_str().to_string();
                let Some(doc) = self.workspace.documents.get(&uri) else {
                    return Err(unknown());
                };
                // Completion reads the text as the checker does, in NFC, at the offset
                // the editor's position names in the text it holds.
                let offset = Lines::new(&doc.text).offset(at.position);
                let (text, offset) = match tthc::text::normal::nfc_mapped(&doc.text) {
                    Some((nfc, map)) => (nfc, map.to_nfc(offset)),
                    None => (doc.text.clone(), offset),
                };
                let analysis = self.workspace.analysis(&uri).map(|(a, _)| a);
                let typed = p.context.as_ref().is_some_and(|c| {
                    c.trigger_kind == lsp::CompletionTriggerKind::TRIGGER_CHARACTER
                });
                Ok(to_value(complete::complete(
                    analysis.as_deref(),
                    &text,
                    offset,
                    lang,
                    typed,
                )))
            }
            Formatting::METHOD => {
                let p: lsp::DocumentFormattingParams = params(req.params)?;
                let uri = p.text_document.uri.as_str().to_string();
                let doc = self.workspace.documents.get(&uri).ok_or_else(unknown)?;
                let path = uri_to_path(&uri).map_or(uri.clone(), |p| p.display().to_string());
                // A file that does not parse is left as it is: formatting it would guess.
                match tthc::format::format_text_in(&path, &doc.text, None) {
                    Some(new) if new == doc.text => Ok(to_value(Vec::<lsp::TextEdit>::new())),
                    Some(new) => Ok(to_value(vec![lsp::TextEdit::new(
                        Lines::new(&doc.text).whole(),
                        new,
                    )])),
                    None => Ok(Value::Null),
                }
            }
            CodeActionRequest::METHOD => {
                let p: lsp::CodeActionParams = params(req.params)?;
                Ok(to_value(actions::quick_fixes(
                    &p.text_document.uri,
                    &p.context.diagnostics,
                    lang,
                )))
            }
            DocumentSymbolRequest::METHOD => {
                let p: lsp::DocumentSymbolParams = params(req.params)?;
                let uri = p.text_document.uri.as_str().to_string();
                let (analysis, _) = self.workspace.analysis(&uri).ok_or_else(unknown)?;
                let file = analysis.file_of(&uri).ok_or_else(unknown)?;
                Ok(to_value(symbols::document(&analysis, file)))
            }
            PrepareRenameRequest::METHOD => {
                let p: lsp::TextDocumentPositionParams = params(req.params)?;
                let Some((uri, file, offset)) = self.locate(&p.text_document.uri, p.position)
                else {
                    return Ok(Value::Null);
                };
                let (analysis, _) = self.workspace.analysis(&uri).ok_or_else(unknown)?;
                Ok(to_value(rename::prepare(&analysis, file, offset)))
            }
            Rename::METHOD => {
                let p: lsp::RenameParams = params(req.params)?;
                let at = &p.text_document_position;
                let Some((uri, file, offset)) = self.locate(&at.text_document.uri, at.position)
                else {
                    return Ok(Value::Null);
                };
                let (analysis, _) = self.workspace.analysis(&uri).ok_or_else(unknown)?;
                rename::rename(&analysis, file, offset, &p.new_name)
                    .map(to_value)
                    .map_err(|r| (ErrorCode::RequestFailed, rename::refusal_message(&r, lang)))
            }
            CodeLensRequest::METHOD => {
                let p: lsp::CodeLensParams = params(req.params)?;
                let uri = p.text_document.uri.as_str().to_string();
                let examples = self.workspace.example_files(&uri);
                let (analysis, catalogue) = self.workspace.analysis(&uri).ok_or_else(unknown)?;
                let file = analysis.file_of(&uri).ok_or_else(unknown)?;
                let calendars = catalogue.calendars();
                Ok(to_value(lens::lenses(
                    &analysis,
                    file,
                    calendars.as_deref(),
                    &examples,
                    super::workspace::today_in_vietnam(),
                    lang,
                )))
            }
            ExecuteCommand::METHOD => {
                let p: lsp::ExecuteCommandParams = params(req.params)?;
                // The command names a procedure; any open document of its catalogue
                // will do.
                let id = p
                    .arguments
                    .first()
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                let uris: Vec<String> = self.workspace.documents.keys().cloned().collect();
                let mut answer = None;
                for uri in uris {
                    let examples = self.workspace.example_files(&uri);
                    let Some((analysis, catalogue)) = self.workspace.analysis(&uri) else {
                        continue;
                    };
                    if analysis.checked.catalogue.procedure(id).is_none() {
                        continue;
                    }
                    let calendars = catalogue.calendars();
                    answer = Some(lens::execute(
                        &analysis.checked.catalogue,
                        calendars.as_deref(),
                        &examples,
                        &p.command,
                        &p.arguments,
                        lang,
                    ));
                    break;
                }
                let message = match answer {
                    Some(Ok(m)) => m,
                    Some(Err(e)) => {
                        return Err((ErrorCode::RequestFailed, format!("tthc: {}", e.get(lang))));
                    }
                    None => {
                        return Err((
                            ErrorCode::InvalidParams,
                            format!(
                                "tthc: {}",
                                lang.pick(
                                    "no open catalogue has this procedure",
                                    "không danh mục nào đang mở có thủ tục này"
                                )
                            ),
                        ));
                    }
                };
                // Shown to the person who clicked, and returned to the client.
                self.outbox.push(Message::Notification(Notification::new(
                    lsp::notification::ShowMessage::METHOD.to_string(),
                    lsp::ShowMessageParams {
                        typ: lsp::MessageType::INFO,
                        message: message.clone(),
                    },
                )));
                Ok(Value::String(message))
            }
            WorkspaceSymbolRequest::METHOD => {
                let p: lsp::WorkspaceSymbolParams = params(req.params)?;
                let homes: Vec<Home> = self.workspace.catalogues.keys().cloned().collect();
                let mut out = Vec::new();
                for h in homes {
                    if let Some(a) = self.workspace.fresh(&h) {
                        symbols::workspace(&a, &p.query, &mut out);
                    }
                }
                Ok(to_value(out))
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("tthc lsp does not handle `{other}`"),
            )),
        }
    }

    /// The open document, file id and byte offset a position names.
    fn locate(
        &mut self,
        uri: &lsp::Uri,
        position: lsp::Position,
    ) -> Option<(String, tthc::syntax::source::FileId, usize)> {
        let uri = uri.as_str().to_string();
        let (analysis, _) = self.workspace.analysis(&uri)?;
        let file = analysis.file_of(&uri)?;
        let offset = Lines::of(analysis.checked.files.get(file)?).offset(position);
        Some((uri, file, offset))
    }
}

fn params<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, (ErrorCode, String)> {
    serde_json::from_value(v)
        .map_err(|e| (ErrorCode::InvalidParams, format!("invalid params: {e}")))
}

fn unknown() -> (ErrorCode, String) {
    (
        ErrorCode::InvalidParams,
        "the document is not open (send textDocument/didOpen first)".to_string(),
    )
}

fn to_value<T: serde::Serialize>(v: T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn send(connection: &Connection, m: Message) {
    let _ = connection.sender.send(m);
}

fn log(connection: &Connection, message: &str) {
    send(
        connection,
        Message::Notification(Notification::new(
            lsp::notification::LogMessage::METHOD.to_string(),
            lsp::LogMessageParams {
                typ: lsp::MessageType::ERROR,
                message: message.to_string(),
            },
        )),
    );
}
