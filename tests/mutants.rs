//! The mutation corpus (`tests/mutants/`, see its README): a bounded number of
//! deterministic mutants of every seed file go through the readers that face files people
//! and other systems write (`check`, `fmt`, the ICS and calendar readers, the worked
//! examples), each within a time limit. A panic, a hang, a formatter that is not
//! idempotent or changes the meaning of a file fails the test, naming the seed and the
//! mutant's number (the mutants are reproducible from those alone). Issue 25.

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tthc::check::{self, CheckOptions, Input};

/// Longest one input may take: a guard against hangs and runaway work, generous enough
/// for a debug build on a loaded two-core machine, not a speed target.
const TIME_LIMIT: Duration = Duration::from_secs(10);
/// Mutants per seed unless `TTHC_MUTANTS` says otherwise.
const DEFAULT_MUTANTS: u64 = 12;

/// A reader under test: the seeds it takes and what must hold for one input.
struct Target {
    name: &'static str,
    folder: &'static str,
    takes: fn(&str) -> bool,
    /// Seeds made by code rather than kept as files (too large to keep).
    made: fn() -> Vec<(String, Vec<u8>)>,
    /// Runs one input (`file` is the seed's name); `Err` says which property broke.
    run: fn(&str, &[u8]) -> Result<(), String>,
}

const TARGETS: &[Target] = &[
    Target {
        name: "procedure files (check, fmt)",
        folder: "procedures",
        takes: |n| n.ends_with(".tthc"),
        made: Vec::new,
        run: procedure,
    },
    Target {
        name: "holiday calendars (ICS)",
        folder: "calendars",
        takes: |n| n.ends_with(".ics"),
        // Ten thousand nested blocks overflowed the parser's stack (issue 25, item 3).
        made: || {
            let nested = format!(
                "{}{}",
                "BEGIN:VCALENDAR\r\n".repeat(10_000),
                "END:VCALENDAR\r\n".repeat(10_000)
            );
            vec![("nested-10000.ics".to_string(), nested.into_bytes())]
        },
        run: |file, bytes| {
            let text = String::from_utf8_lossy(bytes);
            let _ = tthc::calendar::ics::read_marks(file, &text);
            Ok(())
        },
    },
    Target {
        name: "calendar descriptions (YAML)",
        folder: "calendars",
        takes: |n| n.ends_with(".yaml"),
        made: Vec::new,
        run: |file, bytes| {
            let text = String::from_utf8_lossy(bytes);
            let _ = tthc::calendar::CalendarConfig::from_yaml(file, &text);
            Ok(())
        },
    },
    Target {
        name: "worked examples",
        folder: "examples",
        takes: |n| n == tthc::examples::FILE_NAME,
        made: Vec::new,
        run: |file, bytes| {
            let text = String::from_utf8_lossy(bytes);
            let _ = tthc::examples::parse(file, &text);
            Ok(())
        },
    },
];

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mutants")
}

/// The other procedure seeds a mutant is checked with: its roles and decision.
fn context(except: &str) -> Vec<Input> {
    ["roles.tthc", "decision.tthc"]
        .into_iter()
        .filter(|n| *n != except)
        .map(|n| Input {
            path: n.to_string(),
            bytes: std::fs::read(corpus().join("procedures").join(n)).unwrap(),
        })
        .collect()
}

/// What a file means in its catalogue: the catalogue without places, and the codes found.
fn meaning(file: &str, text: &[u8]) -> (serde_json::Value, Vec<&'static str>) {
    let mut inputs = context(file);
    inputs.push(Input {
        path: file.to_string(),
        bytes: text.to_vec(),
    });
    let checked = check::check(inputs, &CheckOptions::default());
    let mut codes: Vec<&'static str> = checked.diagnostics.iter().map(|d| d.code).collect();
    codes.sort();
    (
        placeless(serde_json::to_value(&checked.catalogue).unwrap()),
        codes,
    )
}

fn placeless(mut v: serde_json::Value) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.retain(|k, _| !matches!(k.as_str(), "loc" | "span"));
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut v);
    v
}

/// `check` answers; `fmt`, when it formats, reaches a fixed point and keeps the meaning.
fn procedure(file: &str, bytes: &[u8]) -> Result<(), String> {
    let before = meaning(file, bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(());
    };
    let Some(formatted) = tthc::format::format_text(file, text) else {
        return Ok(());
    };
    let again =
        tthc::format::format_text(file, &formatted).ok_or("fmt's output does not format again")?;
    if again != formatted {
        return Err(format!(
            "fmt is not idempotent:\n--- once\n{formatted}\n--- twice\n{again}"
        ));
    }
    if meaning(file, formatted.as_bytes()) != before {
        return Err(format!(
            "fmt changed the meaning:\n--- formatted\n{formatted}"
        ));
    }
    Ok(())
}

/// SplitMix64: a small, well-mixed generator, seeded per seed file and mutant.
struct Rng(u64);

impl Rng {
    fn new(name: &str, index: u64) -> Rng {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in name.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        Rng(h ^ index.wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// What mutations insert: the language's and the formats' delimiters and keywords,
/// characters the checker must refuse, impossible values.
#[rustfmt::skip]
const TOKENS: &[&str] = &[
    "{", "}", "\"", "\n", "\r\n", "#", "\u{7f}", "\u{202e}", "\u{a0}", "\u{0}", "\t", "step",
    "total", "days", "day", "0,5", "1/3", "2024-02-30", "99999999999999999999999", "procedure",
    "decision", "by", "authority", "version", "ngày", "bước", "BEGIN:VEVENT\r\n",
    "END:VEVENT\r\n", "BEGIN:VCALENDAR\r\n", "DTSTART;VALUE=DATE:20250230\r\n", ":", "- ",
    "  ", "[", "]", "&a ", "*a", "!!binary ", "? ", "|\n", "'", "\\", "=", ";",
];

fn mutate(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut b = seed.to_vec();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(b.len() + 1);
        match rng.below(9) {
            0 => {
                let end = (at + 1 + rng.below(64)).min(b.len());
                b.drain(at.min(end)..end);
            }
            1 => {
                let end = (at + 1 + rng.below(64)).min(b.len());
                let span = b[at.min(end)..end].to_vec();
                b.splice(at..at, span);
            }
            2 | 3 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes().to_vec();
                b.splice(at..at, t);
            }
            4 => {
                // A line repeated: thousands of statements, blocks or events.
                let lines: Vec<&[u8]> = b.split_inclusive(|&c| c == b'\n').collect();
                if let Some(line) = lines.get(rng.below(lines.len())) {
                    let copies = line.repeat(1 + rng.below(2000));
                    b.splice(at..at, copies);
                }
            }
            5 => {
                // Two lines swapped.
                let mut lines: Vec<Vec<u8>> = b
                    .split_inclusive(|&c| c == b'\n')
                    .map(<[u8]>::to_vec)
                    .collect();
                let (i, j) = (rng.below(lines.len()), rng.below(lines.len()));
                if i < lines.len() && j < lines.len() {
                    lines.swap(i, j);
                }
                b = lines.concat();
            }
            6 => b.truncate(at),
            7 => {
                if let Some(x) = b.get_mut(at) {
                    *x ^= 1 << rng.below(8);
                }
            }
            _ => {
                // A long run of one token: deep nesting, a huge line, many findings.
                let t = TOKENS[rng.below(TOKENS.len())];
                let run = t.repeat(1 + rng.below(10_000)).into_bytes();
                b.splice(at..at, run);
            }
        }
    }
    b
}

/// Runs `run` on a thread of its own; a panic or a run past [`TIME_LIMIT`] is an error.
fn within_limit(
    run: fn(&str, &[u8]) -> Result<(), String>,
    file: &str,
    bytes: Vec<u8>,
) -> Result<Duration, String> {
    let (tx, rx) = mpsc::channel();
    let file_owned = file.to_string();
    let start = Instant::now();
    std::thread::Builder::new()
        .name(format!("mutant of {file}"))
        .spawn(move || {
            let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| run(&file_owned, &bytes)));
            let _ = tx.send(outcome);
        })
        .unwrap();
    match rx.recv_timeout(TIME_LIMIT) {
        Ok(Ok(Ok(()))) => Ok(start.elapsed()),
        Ok(Ok(Err(e))) => Err(e),
        Ok(Err(panic)) => Err(format!(
            "panicked: {}",
            panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)")
        )),
        Err(_) => Err(format!("took longer than {} s", TIME_LIMIT.as_secs())),
    }
}

#[test]
fn mutants_of_every_seed_get_an_answer_in_time() {
    let per_seed = std::env::var("TTHC_MUTANTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_MUTANTS);
    // Panics are caught and reported per mutant; keep their messages off the output.
    std::panic::set_hook(Box::new(|_| {}));
    let mut failures = Vec::new();
    let mut ran = 0;
    let mut slowest = (Duration::ZERO, String::new());
    for target in TARGETS {
        let folder = corpus().join(target.folder);
        let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| (target.takes)(&p.file_name().unwrap().to_string_lossy()))
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read(&p).unwrap())
            })
            .collect();
        seeds.sort();
        assert!(
            !seeds.is_empty(),
            "no seeds for {} in {}",
            target.name,
            folder.display()
        );
        seeds.extend((target.made)());
        for (name, bytes) in seeds {
            // The seed itself first: it must hold unmutated.
            for index in 0..=per_seed {
                let input = if index == 0 {
                    bytes.clone()
                } else {
                    mutate(&bytes, &mut Rng::new(&name, index))
                };
                ran += 1;
                match within_limit(target.run, &name, input) {
                    Ok(took) if took > slowest.0 => slowest = (took, format!("{name} #{index}")),
                    Ok(_) => {}
                    Err(e) => failures.push(format!("{} {name} mutant #{index}: {e}", target.name)),
                }
            }
        }
    }
    let _ = std::panic::take_hook();
    eprintln!(
        "{ran} inputs; slowest {} ms ({})",
        slowest.0.as_millis(),
        slowest.1
    );
    assert!(
        failures.is_empty(),
        "{} of {ran} inputs failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
