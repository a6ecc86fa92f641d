# unionpress's messages in English.
#
# One message per entry: `key = text`. Values in braces, such as
# { $field }, are filled in by the program; keep them, and keep the
# entries' keys as they are. A key must exist in zh-CN.ftl as well.
# Text in `backticks` is what an editor types: leave it untranslated.

## Labels of every report line

label-error = error
label-warning = warning
label-help = help

## Summaries

summary-failed = { $errors ->
        [one] 1 error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] 1 warning
       *[other] { $warnings } warnings
    }; nothing was written
build-done = built { $articles ->
        [one] 1 article
       *[other] { $articles } articles
    } into { $output } ({ $files ->
        [one] 1 file
       *[other] { $files } files
    }) in { $seconds } s
check-draft = draft
check-scheduled = scheduled
check-done = ok: { $articles ->
        [one] 1 article
       *[other] { $articles } articles
    } checked, { $warnings ->
        [one] 1 warning
       *[other] { $warnings } warnings
    }, { $unpublished } unpublished; nothing was written

## Progress

progress-files = files
progress-reading = reading and checking
progress-rendering = rendering
progress-replacing = replacing the output
step-load = load
step-model = model
step-markdown = markdown
step-claims = claims
step-templates = templates
step-pages = pages
step-search = search
step-commit = commit

## init and new

init-exists = { $dir } already holds a site (site.yaml); nothing was changed
init-not-empty = { $dir } is not empty; choose a new folder for the site
init-done = made a new site in { $dir }; preview it with `unionpress serve --root { $dir }`, build it with `unionpress build --root { $dir }`
new-empty-title = the title is empty: write `unionpress new "标题"`
new-exists = { $path } already exists; it was left as it is. Choose another title

## site.yaml

config-no-site = { $root } has no site.yaml: this is not a unionpress site (run `unionpress init DIR` to make one, or pass --root)
config-bad-timezone = `{ $value }` is not a time zone we know
config-bad-timezone-help = use an IANA name such as Asia/Shanghai
config-paginate-zero = paginate_by must be at least 1
config-paginate-zero-help = for example `paginate_by: 20`
config-bad-base-url = `{ $value }` is not a web address
config-bad-base-url-help = write the full address, for example `base_url: https://news.example.org`
config-bad-theme = `{ $value }` is not a theme name
config-bad-theme-help = use the name of a folder in themes/, such as `default`
config-link-folder-missing = `{ $value }` in allow_links_to is not a folder
config-link-folder-missing-help = give the full path of a folder that exists, such as /mnt/photos
config-bad-base-url-flag = --base-url `{ $value }` must start with http:// or https://

## Writing the output

io-failed = cannot be read or written: { $reason }

## The command line

cli-about = A static site generator for trade-union news
cli-heading-usage = Usage:
cli-heading-options = Options
cli-heading-arguments = Arguments
cli-heading-commands = Commands
cli-help = Print help
cli-version = Print the version
cli-root = The site's folder, the one holding site.yaml (default: the current folder)
cli-quiet = Print only errors
cli-verbose = Print each step and its time
cli-lang = The language of messages: zh-CN or en (default: the site's language)
cli-bad-lang = `{ $value }` is not a language unionpress speaks; use zh-CN or en
cli-init = Make a new site in DIR with the default theme and one sample article
cli-init-dir = The folder for the new site
cli-new = Write a new draft article under content/articles/YYYY/
cli-new-title = The headline
cli-new-programme = A programme the article is about (repeatable)
cli-new-award = An award the article reports (repeatable)
cli-new-region = The region, `省/市/区县`
cli-build = Build the site into public/ (or --output)
cli-build-output = Where to write the site
cli-build-drafts = Include drafts and articles dated in the future
cli-build-base-url = Use this base URL instead of site.yaml's
cli-check = Check everything a build checks, and write nothing
cli-check-drafts = Check drafts and scheduled articles too
cli-serve = Preview the site with live reload
cli-serve-port = The port to listen on (default: 1111)
cli-serve-drafts = Show drafts and articles dated in the future
cli-serve-open = Open the site in a browser
cli-serve-allow-host = Also answer requests for this host name (repeatable); the preview answers only 127.0.0.1, localhost and [::1] otherwise
cli-unknown-argument = unionpress does not know the option `{ $arg }`
cli-unknown-command = unionpress has no command `{ $command }`; the commands are init, new, build, check and serve
cli-invalid-value = `{ $value }` is not a possible value of { $arg }; use one of: { $valid }
cli-missing-value = { $arg } needs a value
cli-missing-argument = a required value is missing: { $arg }
cli-missing-command = say what to do: init, new, build, check or serve
cli-conflict = { $arg } cannot be used together with { $other }
cli-bad-value = `{ $value }` is not a valid value of { $arg }: { $reason }
cli-did-you-mean = did you mean `{ $suggestion }`?
cli-try-help = For more, run `unionpress --help`.
