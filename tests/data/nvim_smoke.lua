-- Headless Neovim (0.7 or later) as an editor of newslint: its built-in LSP client starts
-- `newslint server`, opens a post, waits for the diagnostics, applies the preferred quick fix
-- of HT001, writes the file and waits for the diagnostics of the fixed text.
--
-- Run by tests/test_server_neovim.py:
--   nvim --headless --clean -n -i NONE -c "lua dofile(os.getenv('NEWSLINT_SMOKE_SCRIPT'))"
-- with NEWSLINT_SMOKE_PYTHON (the Python that runs newslint), NEWSLINT_SMOKE_ROOT (the site),
-- NEWSLINT_SMOKE_POST (the post to open), NEWSLINT_SMOKE_OUT (the JSON report written here)
-- and NEWSLINT_SMOKE_TIMEOUT (milliseconds each wait may take).
-- The report says what the editor got; the test judges it. A step that fails or times out is
-- named in `error`, and Neovim exits 1.

local python = os.getenv('NEWSLINT_SMOKE_PYTHON')
local root = os.getenv('NEWSLINT_SMOKE_ROOT')
local post = os.getenv('NEWSLINT_SMOKE_POST')
local out = os.getenv('NEWSLINT_SMOKE_OUT')
local timeout = tonumber(os.getenv('NEWSLINT_SMOKE_TIMEOUT') or '20000')

local report = { steps = {} }
local published = {}

local function step(name)
  table.insert(report.steps, name)
end

-- Wait until `condition` holds; fail at once if the server exits first.
local function wait_for(what, condition)
  vim.wait(timeout, function()
    return condition() or report.server_exit ~= nil
  end, 20)
  if condition() then
    return
  end
  if report.server_exit then
    error('the server exited (code ' .. report.server_exit.code .. ') before ' .. what, 0)
  end
  error('timed out after ' .. timeout .. ' ms waiting for ' .. what, 0)
end

local function find_code(diagnostics, code)
  for _, d in ipairs(diagnostics) do
    if d.code == code then
      return d
    end
  end
  return nil
end

-- Neovim's own diagnostics of the buffer: lnum and col are 0-based, col counted in bytes.
local function buffer_diagnostics(bufnr)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(found, {
      code = d.code,
      source = d.source,
      severity = d.severity,
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
    })
  end
  return found
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(post))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'markdown'
  local uri = vim.uri_from_bufnr(bufnr)
  report.uri = uri

  -- Every publishDiagnostics as the server sent it (LSP positions: 0-based line, UTF-16
  -- character), before Neovim's default handler turns it into vim.diagnostic entries.
  local default = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
    if result and result.uri == uri then
      table.insert(published, { version = result.version, diagnostics = result.diagnostics })
    end
    return default(err, result, ctx, config)
  end

  step('start')
  local client_id = vim.lsp.start_client({
    name = 'newslint',
    cmd = { python, '-m', 'newslint', 'server', '--stdio' },
    root_dir = root,
    on_exit = function(code, signal)
      report.server_exit = { code = code, signal = signal }
    end,
  })
  if not client_id then
    error('vim.lsp.start_client did not start newslint server', 0)
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)

  step('diagnostics')
  wait_for('the first diagnostics', function()
    return #published > 0 and #published[#published].diagnostics > 0
  end)
  report.offset_encoding = client.offset_encoding
  local first = published[#published].diagnostics
  report.first = first
  report.first_buffer = buffer_diagnostics(bufnr)
  local stray = find_code(first, 'HT001')
  if not stray then
    error('no HT001 among the first diagnostics', 0)
  end

  step('code actions')
  local params = {
    textDocument = { uri = uri },
    range = stray.range,
    context = { diagnostics = { stray }, only = { 'quickfix' } },
  }
  local responses, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, timeout)
  if not responses then
    error('textDocument/codeAction failed: ' .. tostring(err), 0)
  end
  local response = responses[client_id] or {}
  if response.error then
    error('textDocument/codeAction answered an error: ' .. vim.inspect(response.error), 0)
  end
  local actions = response.result or {}
  report.actions = {}
  local preferred = nil
  for _, action in ipairs(actions) do
    table.insert(report.actions, { title = action.title, kind = action.kind, preferred = action.isPreferred == true })
    local for_stray = action.diagnostics and find_code(action.diagnostics, 'HT001')
    if action.isPreferred and action.kind == 'quickfix' and for_stray and not preferred then
      preferred = action
    end
  end
  if not preferred then
    error('no preferred quick fix for HT001', 0)
  end

  step('apply')
  local before = #published
  vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding)
  vim.cmd('silent write')

  step('diagnostics after the fix')
  wait_for('diagnostics without HT001 after the fix', function()
    for index = before + 1, #published do
      if not find_code(published[index].diagnostics, 'HT001') then
        return true
      end
    end
    return false
  end)
  report.last = published[#published].diagnostics
  report.last_buffer = buffer_diagnostics(bufnr)

  step('stop')
  vim.lsp.stop_client(client_id)
  wait_for('the server to exit', function()
    return report.server_exit ~= nil
  end)
  step('done')
end

local ok, message = pcall(run)
report.ok = ok
if not ok then
  report.error = tostring(message)
end
vim.fn.writefile({ vim.fn.json_encode(report) }, out)
vim.cmd(ok and 'qall!' or 'cquit 1')
