-- Neovim's built-in LSP client against the Kubewise language server (test/nvim/nvim.test.ts runs this headless).
-- Written for Neovim 0.7 (Debian 12), the oldest this test meets: start_client + buf_attach_client, no vim.lsp.start.
-- Results go to $KUBEWISE_NVIM_RESULTS as JSON; node:test asserts on them.
local server = assert(os.getenv('KUBEWISE_SERVER'), 'KUBEWISE_SERVER')
local file = assert(os.getenv('KUBEWISE_NVIM_FILE'), 'KUBEWISE_NVIM_FILE')
local out = assert(os.getenv('KUBEWISE_NVIM_RESULTS'), 'KUBEWISE_NVIM_RESULTS')

local results = { log = {} }

local function write_results()
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(results))
  f:close()
end

local function lsp_diagnostics(bufnr)
  local out_list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(out_list, {
      code = lsp.code or d.code,
      source = lsp.source or d.source,
      message = d.message,
      -- what the message says, as the server sends it in the diagnostic's data (tests match this, not the prose)
      messageId = (lsp.data or {}).messageId,
      severity = d.severity,
      line = d.lnum,
      -- Neovim 0.7 keeps only the extra fields (code, data, …) in user_data.lsp: rebuild the LSP diagnostic.
      lsp = vim.tbl_extend('force', lsp, {
        range = {
          start = { line = d.lnum, character = d.col },
          ['end'] = { line = d.end_lnum or d.lnum, character = d.end_col or d.col },
        },
        message = d.message,
        severity = d.severity,
        source = lsp.source or d.source,
      }),
    })
  end
  return out_list
end

local function has_code(bufnr, code)
  for _, d in ipairs(lsp_diagnostics(bufnr)) do
    if d.code == code then return d end
  end
  return nil
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'yaml'
  local client_id = vim.lsp.start_client({
    name = 'kubewise',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
    settings = { kubewise = { profile = 'recommended' } },
  })
  assert(client_id, 'the language server did not start')
  vim.lsp.buf_attach_client(bufnr, client_id)

  -- 1. Diagnostics arrive.
  local target
  vim.wait(30000, function()
    target = has_code(bufnr, 'cpu-request-missing')
    return target ~= nil
  end, 100)
  results.diagnostics = lsp_diagnostics(bufnr)
  assert(target, 'no cpu-request-missing diagnostic')

  -- 2. Completion of a container key (`ima|ge:`) and hover on a quantity.
  local uri = vim.uri_from_bufnr(bufnr)
  local completion = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', {
    textDocument = { uri = uri },
    position = { line = 14, character = 13 },
  }, 10000) or {}
  results.completion = {}
  for _, response in pairs(completion) do
    local items = response.result and (response.result.items or response.result) or {}
    for _, item in ipairs(items) do
      table.insert(results.completion, { label = item.label, detail = item.detail, newText = item.textEdit and item.textEdit.newText })
    end
  end
  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
    textDocument = { uri = uri },
    position = { line = 17, character = 24 },
  }, 10000) or {}
  for _, response in pairs(hover) do
    if response.result then results.hover = response.result.contents.value end
  end

  -- 3. Code actions for it.
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = target.lsp.range,
    context = { diagnostics = { target.lsp } },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000) or {}
  local preferred
  results.actions = {}
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      table.insert(results.actions, action.title)
      if action.isPreferred and not preferred then preferred = action end
    end
  end
  assert(preferred, 'no preferred quick fix')
  -- As vim.lsp.buf.code_action does: an action without an edit is completed with codeAction/resolve when the
  -- server offers it (the client announces resolveSupport for `edit`).
  if not preferred.edit then
    local resolved = vim.lsp.buf_request_sync(bufnr, 'codeAction/resolve', preferred, 10000) or {}
    for _, response in pairs(resolved) do
      if response.result and response.result.edit then preferred = response.result end
    end
  end
  assert(preferred.edit, 'the preferred quick fix has no edit after codeAction/resolve')

  -- 4. Apply it; the diagnostic goes away.
  vim.lsp.util.apply_workspace_edit(preferred.edit, 'utf-16')
  results.text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  results.fixed = vim.wait(30000, function() return has_code(bufnr, 'cpu-request-missing') == nil end, 100)
  results.after = lsp_diagnostics(bufnr)
  vim.lsp.stop_client(client_id)
end

local ok, err = pcall(run)
results.ok = ok
if not ok then results.error = tostring(err) end
write_results()
vim.cmd('qa!')
