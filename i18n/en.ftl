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
build-left-out = left out { $drafts ->
        [one] 1 draft
       *[other] { $drafts } drafts
    } and { $scheduled ->
        [one] 1 article scheduled for later
       *[other] { $scheduled } articles scheduled for later
    } (`--drafts` builds them too, `--verbose` lists them)
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
step-read-all = read all
step-patch-front = patch front
step-patch-in-place = patch in place
step-patch = patch
step-patch-files = patch files
step-render = render
step-write = write
step-pictures = resizing pictures
progress-pictures = pictures { $done }/{ $total }

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

config-images-widths = `images: widths:` must list at least one width, each above 0
config-images-widths-help = for example `widths: [480, 960, 1600]`
config-images-quality = the quality { $value } is not between 1 and 100
config-images-quality-help = 75 to 85 keeps photographs sharp at a small size

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
cli-serve-desk = Open the editors' desk in a browser
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

## Reading content/

link-site-folder = the site's own folder
link-loop = this link leads back to { $target } and makes a loop
link-loop-help = remove the symbolic link
link-outside = this symbolic link leads out of the site, to { $target }
link-outside-help = copy the file into the site, or list the folder it is in under `allow_links_to:` in site.yaml
load-no-content = the site has no content/ folder
load-no-content-help = make a folder content/articles/ and put articles in it
load-not-a-file = this is not an ordinary file (it is a pipe, socket or device) and cannot be read
load-not-a-file-help = remove it from content/, or replace it with the file it stands for
load-name-not-utf8 = the file name is not valid UTF-8
load-name-not-utf8-help = rename the file using ordinary letters
load-unreadable = cannot be read: { $reason }
load-unreadable-help = check that the file or folder exists and that you may read it
load-unreadable-file-help = check that you may read the file
load-misplaced = this file is not where unionpress looks for content
load-misplaced-help = articles go under content/articles/; one file per programme, award or bulletin goes directly in content/programmes/, content/awards/ or content/bulletins/
load-too-large = the file is { $size } MB; files over { $limit } MB are not accepted
load-too-large-help = split it into several articles, or move large attachments out of content/
load-not-utf8 = the file is not valid UTF-8 text
load-not-utf8-help = save the file as UTF-8 (in most editors: Save As… → Encoding → UTF-8)
load-nul = the file contains a NUL character
load-nul-help = this is not a text file, or it was damaged; remove the character or save the file again as text
load-no-front-matter = the file does not start with front matter
load-no-front-matter-help = begin the file with a line `---`, the fields (title:, date: …), and another line `---`
load-front-matter-open = the front matter that starts on line 1 is never closed
load-front-matter-open-help = add a line `---` after the last field

## Front matter and YAML

yaml-empty = the front matter is empty
yaml-empty-help = add at least the required fields, for example `title: …`
yaml-too-deep = the front matter nests `[` or `{"{"}` more than { $limit } levels deep
yaml-too-deep-help = front matter holds plain fields and short lists; close the brackets or put the value in quotes
yaml-in-field = `{ $field }`: { $message }
yaml-unknown-field = unknown field `{ $field }`
yaml-unknown-field-best = did you mean `{ $best }`? Valid fields are: { $fields }
yaml-unknown-field-help = remove it, or use one of: { $fields }
yaml-missing-field = the required field `{ $field }` is missing
yaml-missing-field-help = add a line `{ $field }: …`
yaml-unknown-variant = `{ $value }` is not one of the allowed values
yaml-unknown-variant-help = use one of: { $values }
yaml-wrong-type = expected { $expected } but found { $found }
yaml-wrong-type-quote = put the value in quotes, for example `title: "2024"`
yaml-wrong-type-list = write a list, for example `tags: [技能竞赛, 工匠学堂]`
yaml-check-form = check the value's form against the content format in the README
yaml-anchors = the YAML repeats its anchors so often that it would grow too large to read
yaml-anchors-help = front matter holds plain fields; remove the anchors (&) and aliases (*)
yaml-nested = the YAML is nested too deeply to be front matter
yaml-nested-help = front matter holds plain fields and short lists; flatten the nesting
yaml-duplicate = the field `{ $field }` is given twice
yaml-duplicate-help = keep one of the two lines
yaml-unknown-form = this value does not have a form we understand
yaml-open-list = a list opened here with `[` is not closed with `]`
yaml-open-list-help = close the list, and separate its items with commas: `tags: [技能竞赛, 工匠学堂]`
yaml-open-mapping = a mapping opened here with `{"{"}` is not closed with `{"}"}`
yaml-open-mapping-help = close it with `{"}"}`, and separate its entries with commas
yaml-stray-colon = a colon here is out of place
yaml-stray-colon-help = put a value that contains `: ` in quotes, and check that this line is indented like the ones around it
yaml-open-quote = a quotation mark opened here is never closed
yaml-open-quote-help = add the closing quotation mark at the end of the value
yaml-tabs-help = YAML does not allow tabs for indentation; use spaces
yaml-syntax-help = check the YAML syntax near this place: a missing quote, colon or space after a colon
yaml-unreadable = the YAML cannot be read: { $reason }
type-list = a list
type-mapping = a mapping of `key: value` lines
type-text = text
type-whole-number = a whole number
type-bool = true or false
type-number = a number
type-nothing = nothing

## Articles, programmes, awards, bulletins

noun-programme = programme
noun-award = award
alias-not-path = an alias must be a path on this site starting with `/`, like `/old/path/`
alias-elsewhere = an alias must be a path on this site, not an address elsewhere
alias-bad-chars = an alias may not contain `\`, `%` or `:`
alias-front-page = an alias cannot be the front page `/`
alias-dots = an alias may not contain `.` or `..` segments
alias-not-page = an alias must be a page: a path like `/old/path/` or `/old/page.html`, not another kind of file
registry-unknown = no { $what } is called `{ $name }`
registry-unknown-best = did you mean `{ $best }`? Otherwise add content/{ $folder }/<key>.md with `title: { $name }`
registry-unknown-help = add content/{ $folder }/<key>.md with `title: { $name }`, or check the spelling
registry-made-up = no { $what } is called `{ $name }`; a page was made for it
registry-made-up-help = add content/{ $folder }/<key>.md to describe it
registry-no-key = this { $what } has no usable file name or title
registry-no-key-help = name the file with ASCII letters, like `chan-gai.md`, and give it a `title:`
registry-name-taken = the { $what } name `{ $name }` is already used by { $other }
registry-name-taken-help = each name may belong to one registry file only; remove it from one of the two
date-bad-year = `{ $date }` is in the year { $year }; dates must fall between { $first } and { $last }
date-no-such-day = `{ $date }` is not a real day of the calendar
date-not-a-date = `{ $date }` is not a date
date-help = write the date as YYYY-MM-DD, for example `date: 2024-12-20`, or with a time as `2024-12-20T08:00:00+08:00`
article-empty-title = the title is empty
article-empty-title-help = write the headline after `title:`
article-updated-before-date = `updated: { $updated }` is before the article's date `{ $date }`
article-updated-before-date-help = `updated:` is when the article was last changed: the same day as `date:` or later
article-bad-slug = the slug `{ $slug }` is not a single plain URL segment
article-bad-slug-help = use lowercase ASCII letters, digits and `-`, for example `slug: jingxian-changai`
article-no-url = no URL can be made from this file name
article-no-url-help = rename the file with letters or Hanzi, or set `slug:`
article-bad-alias = alias `{ $alias }`: { $reason }
article-bad-region = the region has an empty or unreadable level
article-bad-region-help = write levels from the province down, separated by `/`: `安徽省/宣城市/泾县`
article-image-outside = the image `{ $image }` is not a file beside the article
article-image-outside-help = put the picture next to the article (or in a folder below it) and give its relative name
article-image-no-alt = the lead picture `{ $image }` has no alternative text
article-image-no-alt-help = describe the picture for readers who cannot see it: `image: {"{"}src: { $image }, alt: 图片内容的简短描述{"}"}`
section-no-url = no URL can be made from this folder's name
section-no-url-help = rename the folder with letters, digits or Hanzi
bulletin-twice = `{ $article }` is listed twice in this bulletin
bulletin-twice-help = remove one of the two lines
bulletin-draft = `{ $article }` is a draft and cannot be in a published bulletin
bulletin-draft-help = publish the article first (remove `draft: true`), or take it out of the line-up
bulletin-scheduled = `{ $article }` is dated after this build and cannot be in the bulletin yet
bulletin-scheduled-help = wait until the article's date, or take it out of the line-up
bulletin-no-article = no article `{ $article }`
bulletin-no-article-help = list articles by their path under content/, like `articles/2024/jingxian-changai.md`, or by slug

## Markdown, pictures and templates

md-too-deep = lists, quotes or HTML elements are nested here more than { $limit } levels deep
md-too-deep-help = no reader can follow this many levels; flatten the lists or quotes, or close the HTML tags
md-link-no-article = the link to `{ $file }` leads to no published article
md-link-no-article-help = check the file name and folder; links are relative to this article's folder
md-link-no-file = the link to `{ $file }` leads to no file in content/
md-link-no-file-help = put the file beside the article, or correct the link
md-picture-missing = the picture `{ $image }` is not in content/
md-picture-missing-help = put the picture beside the article and give its file name
html-never-closed = { $what } is never closed, so everything after it would go missing from the article
html-never-closed-help = close it with `{ $close }`, or write `&lt;` for its `<` to show it as text
html-comment = this HTML comment
html-cdata = this `<![CDATA[` section
html-declaration = this `<!` declaration
html-instruction = this `<?` instruction
html-element = this `<{ $tag }>` element
article-image-missing = the lead picture `{ $image }` does not exist
article-image-missing-help = put the picture beside the article, or correct `image:`
theme-missing = site.yaml asks for the theme `{ $theme }`, but there is no folder themes/{ $theme }/
theme-no-block = { $parent } has no block `{ $block }`, so this block is never shown
theme-no-block-help = the blocks it has: { $blocks }
template-error = template error: { $reason }
template-error-help = fix the template, or delete the site's copy to use the theme's
email-inline-failed = cannot inline the e-mail's styles: { $reason }
write-failed = cannot be written: { $reason }

picture-too-many-bytes = the picture `{ $image }` is { $mb } MB, more than the { $limit } MB `images: max_bytes:` allows
picture-too-many-pixels = the picture `{ $image }` is { $width }×{ $height } pixels, more than the { $limit } megapixels `images: max_pixels:` allows
picture-too-large-help = export it smaller (a 4000-pixel-wide JPEG is plenty for the web), or raise the limit in site.yaml
picture-wrong-format = the picture `{ $image }` is named as { $named } but is { $actual }
picture-wrong-format-help = give it the extension of what it is ({ $actual }), or export it again as the format its name says
picture-heic = the picture `{ $image }` is HEIC (an iPhone photo), which unionpress cannot read
picture-heic-help = export it as JPEG (on the iPhone: Settings → Camera → Formats → Most Compatible; on a Mac: Preview → File → Export → JPEG)
picture-unreadable = the picture `{ $image }` cannot be read: { $reason }
picture-unreadable-help = the file is damaged or cut short; copy it again from the camera or the photographer
picture-empty = the file is empty
picture-unknown-format = not a picture format unionpress knows
md-picture-no-alt = the picture `{ $image }` has no alternative text
md-picture-no-alt-help = describe the picture between the brackets for readers who cannot see it: `![图片内容的简短描述]({ $image })`

## Two things at one address of the site

claim-made = a page unionpress makes
claim-static = static file
claim-static-fix = rename or remove this static file
claim-this = this { $noun }
claim-at = the { $noun } at { $at }
claim-search = the search index
claim-article = article
claim-slug-fix = give one of them another `slug:`
claim-section = section
claim-section-fix = rename the folder, or give the article another `slug:`
claim-rename-file = rename the file
claim-bulletin = bulletin
claim-bulletin-fix = rename the bulletin's file
claim-email = bulletin's e-mail
claim-alias = alias `{ $alias }`
claim-alias-fix = remove the alias, or choose an old URL that no page has
claim-file = file `{ $file }`
claim-file-fix = rename one of the two files, or refer to it under another name
claim-too-long = { $owner } would be published at /{ $path }, in which the name `{ $name }…` is { $bytes } bytes long; no file system takes names over { $limit }
claim-too-long-help = choose a shorter name
claim-clash-folder = { $this } and { $other } clash at { $url }: one needs it as a file, the other as the folder of /{ $file }
claim-clash = { $this } and { $other } would both be published at { $url }

## Full-width punctuation typed by a Chinese input method

char-colon = colon
char-space = space
char-bracket = bracket
yaml-full-width = the full-width { $name } “{ $found }” is not part of YAML's syntax here
yaml-full-width-help = type the half-width { $name } “{ $right }” instead of the full-width “{ $found }”
yaml-full-width-quotes = the list item { $item } is in full-width quotes, which YAML does not take as quotes: they would become part of the name
yaml-full-width-quotes-help = leave the quotes out, `{ $inner }`, or type half-width ones, `"{ $inner }"`

## Lists of people

people-one-or-several = “{ $name }” has “{ $sep }” between names: is it one person or several?
people-one-or-several-help = if several, separate them with half-width commas: `{ $key }: [{ $names }]`; if one, leave it as it is

## Dates, regions and names written another way

date-other-form = `{ $date }` is not written the way front matter needs: write `date: { $fixed }`
region-one-level = the region “{ $region }” is one level: levels are separated by `/`
region-one-level-help = write `region: { $levels }`
people-space = the name “{ $name }” has a space inside
people-space-help = write it without spaces, `{ $fixed }`, so that every article names the person alike

## The preview server (serve)

serve-no-site = { $root } holds no site.yaml; run `unionpress serve` in a site's folder or give --root
serve-cannot-listen = cannot listen on 127.0.0.1:{ $port }: { $reason }; choose another --port
serve-cannot-start = the preview server cannot start: { $reason }
serve-cannot-catch-ctrl-c = cannot catch Ctrl-C: { $reason }
serve-serving = serving { $root } at { $url } (press Ctrl-C to stop)
serve-changed = changed: { $file }
serve-stopped = stopped
serve-no-browser = could not open a browser ({ $opener }: { $reason }); open { $url } yourself
serve-built = built { $articles ->
        [one] 1 article
       *[other] { $articles } articles
    } in { $ms } ms: { $changed ->
        [one] 1 file
       *[other] { $changed } files
    } changed, { $removed } removed
serve-failed = { $errors ->
        [one] 1 error
       *[other] { $errors } errors
    }: still serving the last good site; fix the file and save it again
serve-outside = refusing to write outside the preview folder: { $path }
serve-cannot-watch = cannot watch { $path } for changes: { $reason }
serve-cannot-clean-up = the preview folder { $path } could not be deleted: { $reason }
serve-cannot-read = this page cannot be read from the preview folder: { $reason }
serve-watching-failed = watching for changes: { $reason }
serve-index-in-place = search index updated in place: { $articles ->
        [one] 1 article
       *[other] { $articles } articles
    }, { $pages ->
        [one] 1 term page
       *[other] { $pages } term pages
    }, { $kb } KB in new packs
serve-index-updated = search index updated in { $ms } ms (+ { $switch } ms to switch to it): { $changed ->
        [one] 1 file
       *[other] { $changed } files
    } changed, { $removed } removed
serve-index-made = search index made in { $ms } ms (+ { $switch } ms to switch to it): { $changed ->
        [one] 1 file
       *[other] { $changed } files
    } changed, { $removed } removed
serve-index-dropped = search index of build { $generation } dropped: a newer save came
serve-index-failed = the search index was not written; still serving the last one
serve-wrong-host = this preview answers only requests for 127.0.0.1, localhost or [::1]; to open it under another name, start it with `serve --allow-host NAME`
serve-wrong-method = only GET and HEAD are served
serve-path-refused = this path is refused: it would leave the site
serve-no-404 = not found (the site has no 404 page yet)
serve-overlay-heading = The page was not updated: { $errors ->
        [one] 1 error
       *[other] { $errors } errors
    } found. It reloads by itself once the file is fixed and saved.
serve-overlay-close = Close
serve-desk = the editors' desk: { $url } (this address holds a key for this run: do not share it)

## The output folder

output-outside = refusing to write outside the output folder: { $path }
output-is-site = the output folder { $folder } holds the site itself; choose another --output such as public/
output-inside = the output folder { $folder } is inside { $protected }/; choose another --output such as public/
output-not-a-folder-name = { $path } cannot be an output folder
output-symlink-loop = { $path } is a loop of symlinks; point it at a folder
output-not-a-folder = { $path } exists and is not a folder; choose another --output
output-not-ours = { $path } is not empty and was not made by unionpress; it will not be replaced. Choose another --output, or move its files away
output-foreign-file = { $path } holds { $file }, which unionpress did not write; it will not delete it. Move it into static/ or away, then build again
output-cannot-write = cannot be written: { $reason }
output-more-failed = { $more ->
        [one] 1 more file
       *[other] { $more } more files
    } could not be written either
output-waiting = waiting for another build into { $folder } to finish…
output-waiting-process = waiting for another build into { $folder } (process { $process }) to finish…

## import

import-save-as-docx = this format cannot be read; open it in Word or WPS and save it as .docx (or copy its text into a .txt file)
import-unknown-format = unionpress imports .txt, .md, .docx, .html and .mhtml files, not .{ $ext }
import-too-big = the file is { $megabytes } MB; a manuscript is far smaller (the limit is { $limit } MB)
import-empty = the file is empty
import-has-front-matter = the file already has front matter: it is an article, not a manuscript
import-bad-bytes = the file is not valid { $encoding } text
import-mixed-encodings = the file mixes two encodings (UTF-8 up to line { $line }, then something else); save it again as UTF-8
import-binary = the file holds binary data, not text
import-no-article = no article found: no headline followed by a byline (本报讯…) or a picture credit (… 摄)
import-bad-date = --date { $value } is not a date; write it as YYYY-MM-DD
import-wrote = wrote { $path }
import-would-write = would write { $path }
import-guess = { $field }: { $value }   (guessed from: { $from })
import-done = { $articles ->
        [one] 1 article
       *[other] { $articles } articles
    } from { $files ->
        [one] 1 file
       *[other] { $files } files
    }; every field marked “# guessed from:” is a guess: check it, then delete the comment
import-dry-run-done = dry run: nothing was written
import-year-from-page = year { $year } from the page date
import-year-from-weekday = year { $year } from the weekday
import-date-from-page = the page date (--date)
import-kind-brief = { $chars } characters long
article-guessed = a field is still marked as guessed: check it, then delete the “# guessed from:” comment
cli-import = Import Word files and newspaper text as draft articles, with front matter proposed
cli-import-files = The files to import (.txt, .md, .docx, .html, .mhtml)
cli-import-date = The page's issue date, YYYY-MM-DD, for relative dates (default: today)
cli-import-dry-run = Print the proposal and write nothing
import-docx-protected = this is not a Word 2007+ file: it is password-protected, or an old .doc renamed; remove the password, or save it as .docx
import-docx-not-zip = this is not a .docx: its content is not a Word document (a .docx is a zip archive)
import-docx-corrupt = the .docx is damaged and cannot be read; open it in Word or WPS and save it again
import-docx-too-big = the .docx unpacks to far more than a manuscript holds (a zip bomb?); it was not unpacked
import-docx-no-document = the .docx has no document body (word/document.xml)
import-mhtml-bad = this is not a saved web page (.mhtml): no HTML part was found in it
import-html-not-html = this is not a web page: it holds no HTML

## The editors' desk (serve)

desk-no-token-title = Open the desk from the terminal
desk-no-token = This page needs the address `unionpress serve` printed in the terminal (the line “the editors' desk: …”, with ?token=). Open that address; it changes each time the preview starts.
desk-wrong-origin = refused: the request did not come from the desk's own page
desk-wrong-type = refused: the desk sends JSON (pictures as application/octet-stream)
desk-bad-json = the request is not valid JSON: { $reason }
desk-failed = the desk failed: { $reason }
desk-io-failed = { $path }: { $reason }
desk-path-refused = the desk does not write at { $path }: only under content/, with no “..”, hidden folder or link leading out of the site
desk-not-article = { $path } is not an article: the desk edits files content/articles/…/*.md
desk-no-article = { $path } is not there (deleted or moved since the list was read?)
desk-no-request = the desk answers no { $method } { $path }
desk-not-utf8 = { $path } is not UTF-8 text; fix it in a text editor first
desk-no-front-matter = { $path } has no front matter between two “---” lines to edit
desk-bad-field = “{ $field }” cannot be a field name
desk-bad-value = the value of “{ $field }” must be text, yes/no, a whole number, a list of texts or a list of awards
desk-bad-key = “{ $key }” cannot be a key: use lower-case letters, digits and “-”
desk-save-errors = not saved: the article has errors (shown beside their fields). Fix them, or save it as a draft (draft: true), which is not published until they are fixed
desk-conflict = { $path } was changed on disk since you opened it; nothing was saved. Both versions are shown: keep yours, take the one on disk, or merge them
desk-exists = { $path } already exists; nothing was replaced
desk-bad-upload-name = “{ $name }” cannot be uploaded: give a plain file name (no folder) ending in .jpg, .jpeg, .png, .webp or .gif
desk-upload-too-large = { $name } is { $mb } MB, more than the { $limit } MB that `images: max_bytes` allows; it was not stored
desk-publishing = a publish is already running; wait for it to finish
desk-bulletin-title = Union work bulletin
