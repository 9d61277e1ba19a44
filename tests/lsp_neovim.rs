//! `tthc lsp` with a real client: Neovim's built-in LSP client, run headless by
//! `tests/neovim/lsp.lua`. Ignored by default (it needs `nvim`, 0.7 or later); CI installs
//! Neovim and runs `cargo test --test lsp_neovim -- --include-ignored`.

mod common;

use serde_json::Value;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

#[test]
#[ignore = "needs nvim; CI runs it with --include-ignored"]
fn neovim_receives_diagnostics_hover_and_formatting() {
    let dir = std::env::temp_dir().join(format!("tthc-lsp-nvim-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let root = dir.join("procedures");
    common::copy_dir(Path::new("procedures"), &root);
    let file = root.join("1086-QD-UBND/b01-dang-ky-khai-sinh.tthc");
    let clean = std::fs::read_to_string(&file).unwrap();
    // A misspelt role, and a line out of the canonical layout.
    let broken = clean
        .replace("by commune-leader", "by comune-leader")
        .replace("  total same day", "total    same day");
    std::fs::write(&file, &broken).unwrap();
    // Hover on the role of the step after the mistake (a Vietnamese line).
    let offset = broken.find("step deliver").unwrap();
    let offset = offset + broken[offset..].find("by ").unwrap() + 4;
    let line = broken[..offset].matches('\n').count();
    let start = broken[..offset].rfind('\n').map_or(0, |i| i + 1);
    let character = broken[start..offset].encode_utf16().count();

    let seen = run_nvim(
        &dir,
        &file,
        &[
            ("TTHC_HOVER_LINE", line.to_string()),
            ("TTHC_HOVER_CHAR", character.to_string()),
        ],
    );
    assert_eq!(seen["errors"], serde_json::json!([]), "{seen:#}");
    let diags = seen["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{seen:#}");
    let d = &diags[0];
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("unknown role `comune-leader`"),
        "{d}"
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `commune-leader`?"),
        "{d}"
    );
    let bad = broken.find("comune-leader").unwrap();
    assert_eq!(d["lnum"], broken[..bad].matches('\n').count());
    let hover = seen["hover"].as_str().unwrap_or_default();
    assert!(hover.contains("Công chức Tư pháp - hộ tịch"), "{seen:#}");
    assert_eq!(
        seen["formatted"].as_str().unwrap(),
        clean.replace("by commune-leader", "by comune-leader"),
        "formatted through the server"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs `tests/neovim/lsp.lua` in a headless Neovim on `file`, with extra environment
/// variables, and returns what it saw.
fn run_nvim(dir: &Path, file: &Path, env: &[(&str, String)]) -> Value {
    let out = dir.join("nvim.json");
    let _ = std::fs::remove_file(&out);
    let mut command = Command::new("nvim");
    command
        .args(["--headless", "--clean", "-n", "-c"])
        .arg(format!(
            "luafile {}",
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/neovim/lsp.lua")
                .display()
        ))
        .env("TTHC_BIN", env!("CARGO_BIN_EXE_tthc"))
        .env("TTHC_FILE", file)
        .env("TTHC_OUT", &out);
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command
        .spawn()
        .expect("nvim is installed (apt-get install neovim)");
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("nvim did not finish");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap()
}

/// Issue 21, item 8: a file saved in decomposed Vietnamese (Unikey's "Unicode tổ hợp"),
/// edited in Neovim: choosing the quick fix for a misspelt role after a decomposed text
/// replaces the role and nothing else, in the text Neovim holds.
#[test]
#[ignore = "needs nvim; CI runs it with --include-ignored"]
fn neovim_applies_a_quick_fix_on_a_decomposed_line() {
    use unicode_normalization::UnicodeNormalization;
    let dir = std::env::temp_dir().join(format!("tthc-lsp-nvim-nfd-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let root = dir.join("procedures");
    common::copy_dir(Path::new("procedures"), &root);
    let file = root.join("1086-QD-UBND/b02-dang-ky-ket-hon.tthc");
    let clean = std::fs::read_to_string(&file).unwrap();
    let broken: String = clean
        .replacen("by commune-civil-status\n", "by commune-civil-statu\n", 1)
        .nfd()
        .collect();
    std::fs::write(&file, &broken).unwrap();
    let seen = run_nvim(&dir, &file, &[("TTHC_MODE", "quickfix".to_string())]);
    assert_eq!(seen["errors"], serde_json::json!([]), "{seen:#}");
    assert_eq!(
        seen["action"], "Replace with `commune-civil-status`",
        "{seen:#}"
    );
    let expected: String = clean.nfd().collect();
    assert_eq!(seen["fixed"].as_str().unwrap(), expected, "{seen:#}");
    let _ = std::fs::remove_dir_all(&dir);
}
