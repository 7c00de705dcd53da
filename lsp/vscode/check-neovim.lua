-- Acceptance check of the Weft language server in a real editor: Neovim's
-- built-in LSP client, configured as docs/editors.md says, opens a .weft file
-- with an error and prints the diagnostics, a hover, a definition and the
-- completion after `self.` it got.
-- Run by check-neovim.sh (which passes WEFT_CHECK_FILE, WEFT_CHECK_CWD and
-- WEFT_CHECK_CMD); exits 0 when all four arrived, 1 otherwise.
-- Written for Neovim 0.7 and newer (vim.lsp.start_client exists in all of them).
local file = assert(os.getenv("WEFT_CHECK_FILE"), "WEFT_CHECK_FILE is not set")
local cwd = assert(os.getenv("WEFT_CHECK_CWD"), "WEFT_CHECK_CWD is not set")
local cmd = vim.split(os.getenv("WEFT_CHECK_CMD") or "npx weft lsp --stdio", " ", { trimempty = true })
local timeout = 30000
local failures = 0
local exited = nil -- the server's exit code, once it has exited

local function out(s)
  io.stdout:write(s .. "\n")
end
local function fail(s)
  out("FAIL " .. s)
  failures = failures + 1
end

-- (Neovim 0.7 reads vim.filetype.add rules only with g:do_filetype_lua set at startup: check-neovim.sh does.)
vim.filetype.add({ extension = { weft = "weft" } })
vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
if vim.bo[buf].filetype ~= "weft" then
  fail("file type " .. vim.inspect(vim.bo[buf].filetype) .. ", not weft")
else
  out("file type: weft")
end

local id = vim.lsp.start_client({
  name = "weft",
  cmd = cmd,
  cmd_cwd = cwd,
  root_dir = vim.fn.fnamemodify(file, ":h"),
  on_exit = function(code)
    exited = code
  end,
})
if not id then
  out("FAIL the server did not start: " .. table.concat(cmd, " "))
  vim.cmd("cquit 1")
end
vim.lsp.buf_attach_client(buf, id)
out("server: " .. table.concat(cmd, " ") .. " (in " .. cwd .. ")")

-- Diagnostics are pushed by the server after didOpen.
local got = vim.wait(timeout, function()
  return #vim.diagnostic.get(buf) > 0 or exited ~= nil
end, 100)
if exited ~= nil then
  out("")
  out("FAIL the server exited with code " .. exited .. ": " .. table.concat(cmd, " ") .. " (its stderr is in " .. vim.lsp.get_log_path() .. ")")
  vim.cmd("cquit 1")
elseif #vim.diagnostic.get(buf) == 0 then
  fail("no diagnostics within " .. timeout .. " ms")
else
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    out(string.format("diagnostic %d:%d %s %s", d.lnum + 1, d.col + 1, tostring(d.code or ""), d.message))
  end
end

-- The 0-based position of the first character of `needle`, `skip` characters in.
local function position(needle, skip)
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  for i, line in ipairs(lines) do
    local col = line:find(needle, 1, true)
    if col then
      return { line = i - 1, character = col - 1 + (skip or 0) }
    end
  end
  error("not in the file: " .. needle)
end

local function request(method, needle, skip)
  local params = { textDocument = vim.lsp.util.make_text_document_params(buf), position = position(needle, skip) }
  local responses = vim.lsp.buf_request_sync(buf, method, params, timeout)
  for _, r in pairs(responses or {}) do
    if r.error then
      fail(method .. ": " .. vim.inspect(r.error))
    elseif r.result then
      return r.result
    end
  end
  return nil
end

local hover = request("textDocument/hover", "self.bump(2)", 5)
if not hover or not hover.contents then
  fail("no hover on bump")
else
  local text = hover.contents.value or vim.inspect(hover.contents)
  out("hover on bump: " .. text:gsub("\n", " | "))
end

local def = request("textDocument/definition", "self.bump(2)", 5)
if not def then
  fail("no definition of bump")
else
  local loc = def.uri and def or def[1]
  if loc and loc.targetUri then
    loc = { uri = loc.targetUri, range = loc.targetSelectionRange or loc.targetRange }
  end
  if not loc or not loc.range then
    fail("definition: unexpected answer " .. vim.inspect(def))
  else
    out(string.format("definition of bump: %s:%d:%d", vim.uri_to_fname(loc.uri), loc.range.start.line + 1, loc.range.start.character + 1))
  end
end

-- completion after `self.` (the cursor just after the dot of `self.bump(2)`)
local completion = request("textDocument/completion", "self.bump(2)", 5)
local items = completion and (completion.items or completion) or {}
local labels = {}
for _, item in ipairs(items) do
  labels[item.label] = true
end
if not (labels.count and labels.bump and labels.twice) then
  fail("completion after self. lacks count, bump or twice: " .. vim.inspect(vim.tbl_keys(labels)))
else
  local names = vim.tbl_keys(labels)
  table.sort(names)
  out("completion after self.: " .. table.concat(names, ", "))
end

vim.lsp.stop_client(id)
vim.wait(5000, function()
  return exited ~= nil
end, 50)
out("server exited with code " .. tostring(exited))
if failures > 0 then
  vim.cmd("cquit 1")
end
vim.cmd("qall!")
