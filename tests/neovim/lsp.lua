-- Drives `tthc lsp` from a real client: Neovim's built-in LSP client, headless.
-- Run by tests/lsp_neovim.rs:
--   TTHC_BIN=… TTHC_FILE=… TTHC_OUT=… nvim --headless --clean -c 'luafile tests/neovim/lsp.lua'
-- Opens TTHC_FILE, starts the server, waits for the diagnostics Neovim received, asks
-- for a hover on the first diagnostic's word, formats the buffer through the server,
-- and writes what it saw to TTHC_OUT as JSON; with TTHC_MODE=quickfix it applies the
-- first quick fix instead. Works with Neovim 0.7 (Debian's) and later.

local bin = os.getenv('TTHC_BIN')
local file = os.getenv('TTHC_FILE')
local out = os.getenv('TTHC_OUT')
local result = { errors = {} }

local function finish()
  result.published = nil
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local config = {
    name = 'tthc',
    cmd = { bin, 'lsp' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
    init_options = { language = 'en' },
    -- Keep the diagnostics as the server published them (with their `data`, which the
    -- quick fixes come from), then let Neovim store them as usual.
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, res, ctx, cfg)
        if res and res.diagnostics then result.published = res.diagnostics end
        return vim.lsp.diagnostic.on_publish_diagnostics(err, res, ctx, cfg)
      end,
    },
  }
  local client_id
  if vim.lsp.start then
    client_id = vim.lsp.start(config, { bufnr = buf })
  else
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buf, client_id)
  end
  result.client = client_id ~= nil

  -- The diagnostics Neovim received and stored for the buffer.
  vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code
    if code == nil and d.user_data and d.user_data.lsp then code = d.user_data.lsp.code end
    table.insert(result.diagnostics, {
      lnum = d.lnum, col = d.col, message = d.message, code = code, source = d.source,
    })
  end

  local uri = vim.uri_from_bufnr(buf)

  -- TTHC_MODE=quickfix: apply the first quick fix of the first diagnostic, as a user
  -- choosing it does, and report the buffer (a decomposed-Vietnamese file, say).
  if os.getenv('TTHC_MODE') == 'quickfix' then
    local lsp_diags = result.published or {}
    local first = lsp_diags[1]
    local res = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
      textDocument = { uri = uri },
      range = first and first.range or { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } },
      context = { diagnostics = lsp_diags },
    }, 10000) or {}
    for _, r in pairs(res) do
      if r.err then table.insert(result.errors, vim.inspect(r.err)) end
      local action = r.result and r.result[1]
      if action then
        result.action = action.title
        vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
      end
    end
    result.fixed = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
    return
  end

  -- Hover on the diagnostic's place (a misspelt role: the hover is empty) and on the
  -- word after it (the step's next line's role), through the client.
  local function hover(line, character)
    local res = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
      textDocument = { uri = uri }, position = { line = line, character = character },
    }, 10000) or {}
    for _, r in pairs(res) do
      if r.result and r.result.contents then return r.result.contents.value end
      if r.err then table.insert(result.errors, vim.inspect(r.err)) end
    end
    return nil
  end
  local hover_line = tonumber(os.getenv('TTHC_HOVER_LINE'))
  local hover_char = tonumber(os.getenv('TTHC_HOVER_CHAR'))
  result.hover = hover(hover_line, hover_char)

  -- Formatting through the server, applied by Neovim.
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/formatting', {
    textDocument = { uri = uri }, options = { tabSize = 2, insertSpaces = true },
  }, 10000) or {}
  for _, r in pairs(res) do
    if r.result then vim.lsp.util.apply_text_edits(r.result, buf, 'utf-16') end
    if r.err then table.insert(result.errors, vim.inspect(r.err)) end
  end
  result.formatted = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
end)

if not ok then table.insert(result.errors, tostring(err)) end
finish()
