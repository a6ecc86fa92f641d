# unionpress 的中文提示。
#
# 每条一行：`键 = 文字`。花括号里的 { $field } 等由程序填入，请保留；
# 键名不要改动。每个键在 en.ftl 里也必须有。
# 反引号 `…` 里是编辑要照着输入的内容，不要翻译。

## 每行报告的标签

label-error = 错误
label-warning = 警告
label-help = 提示

## 汇总

summary-failed = { $errors } 个错误，{ $warnings } 个警告；没有写出任何文件
build-done = 已生成 { $articles } 篇文章，写入 { $output }（共 { $files } 个文件），用时 { $seconds } 秒
build-left-out = 未发布的文章没有生成：草稿 { $drafts } 篇，定时发布 { $scheduled } 篇（加 `--drafts` 把它们一起生成，加 `--verbose` 列出它们）
check-draft = 草稿
check-scheduled = 定时发布
check-done = 检查通过：{ $articles } 篇文章，{ $warnings } 个警告，{ $unpublished } 篇未发布；没有写出任何文件

## 进度

progress-files = 个文件
progress-reading = 读取并检查
progress-rendering = 生成页面
progress-replacing = 替换输出目录
step-load = 读取
step-model = 检查
step-markdown = 正文
step-claims = 网址
step-templates = 模板
step-pages = 页面
step-search = 搜索
step-commit = 写出
step-read-all = 全部读取
step-patch-front = 更新文章头
step-patch-in-place = 就地更新文章头
step-patch = 局部更新
step-patch-files = 更新文件
step-render = 生成页面
step-write = 写出文件
step-pictures = 处理图片
progress-pictures = 图片 { $done }/{ $total }

## init 和 new

init-exists = { $dir } 里已经有一个站点（site.yaml），没有做任何改动
init-not-empty = { $dir } 不是空文件夹；请为新站点另选一个文件夹
init-done = 已在 { $dir } 新建站点；用 `unionpress serve --root { $dir }` 预览，用 `unionpress build --root { $dir }` 生成
new-empty-title = 标题是空的：请输入 `unionpress new "标题"`
new-exists = { $path } 已经存在，没有改动它。请换一个标题

## site.yaml

config-no-site = { $root } 里没有 site.yaml，不是 unionpress 站点（用 `unionpress init 文件夹` 新建一个，或用 --root 指明站点文件夹）
config-bad-timezone = `{ $value }` 不是已知的时区
config-bad-timezone-help = 请写 IANA 时区名，例如 Asia/Shanghai
config-paginate-zero = paginate_by 至少是 1
config-paginate-zero-help = 例如 `paginate_by: 20`
config-bad-base-url = `{ $value }` 不是网址
config-bad-base-url-help = 请写完整的网址，例如 `base_url: https://news.example.org`
config-bad-theme = `{ $value }` 不是主题名
config-bad-theme-help = 请写 themes/ 下某个文件夹的名字，例如 `default`
config-link-folder-missing = allow_links_to 里的 `{ $value }` 不是文件夹
config-link-folder-missing-help = 请写一个存在的文件夹的完整路径，例如 /mnt/photos
config-bad-base-url-flag = --base-url 的 `{ $value }` 必须以 http:// 或 https:// 开头

config-images-widths = `images: widths:` 至少要列出一个宽度，且每个都大于 0
config-images-widths-help = 例如 `widths: [480, 960, 1600]`
config-images-quality = 质量 { $value } 不在 1 到 100 之间
config-images-quality-help = 75 到 85 能让照片在较小的文件里保持清晰

## 写出

io-failed = 无法读取或写入：{ $reason }

## 命令行

cli-about = 面向工会新闻的静态网站生成器
cli-heading-usage = 用法:
cli-heading-options = 选项
cli-heading-arguments = 参数
cli-heading-commands = 命令
cli-help = 显示帮助
cli-version = 显示版本
cli-root = 站点文件夹，即放 site.yaml 的文件夹（默认：当前文件夹）
cli-quiet = 只显示错误
cli-verbose = 显示每一步及其用时
cli-lang = 提示语言：zh-CN 或 en（默认：站点的语言）
cli-bad-lang = unionpress 不会说 `{ $value }`；请用 zh-CN 或 en
cli-init = 在“文件夹”里新建站点，带默认主题和一篇示例文章
cli-init-dir = 新站点的文件夹
cli-new = 在 content/articles/年份/ 下新建一篇草稿
cli-new-title = 标题
cli-new-programme = 文章涉及的工作品牌（可写多次）
cli-new-award = 文章报道的荣誉（可写多次）
cli-new-region = 地区，写作 `省/市/区县`
cli-build = 把站点生成到 public/（或 --output 指定的文件夹）
cli-build-output = 写到哪个文件夹
cli-build-drafts = 包括草稿和日期在未来的文章
cli-build-base-url = 用这个网址代替 site.yaml 里的 base_url
cli-check = 做生成时的全部检查，但不写出任何文件
cli-check-drafts = 同时检查草稿和定时发布的文章
cli-serve = 预览站点，修改后自动刷新
cli-serve-port = 监听的端口（默认：1111）
cli-serve-drafts = 显示草稿和日期在未来的文章
cli-serve-open = 在浏览器中打开站点
cli-serve-allow-host = 也接受这个主机名的请求（可写多次）；否则预览只接受 127.0.0.1、localhost 和 [::1]
cli-serve-desk = 在浏览器中打开编辑台
cli-unknown-argument = unionpress 没有 `{ $arg }` 这个选项
cli-unknown-command = unionpress 没有 `{ $command }` 这个命令；命令有 init、new、build、check 和 serve
cli-invalid-value = `{ $value }` 不是 { $arg } 可用的值；请用其中之一：{ $valid }
cli-missing-value = { $arg } 后面要跟一个值
cli-missing-argument = 缺少必填的值：{ $arg }
cli-missing-command = 请说明要做什么：init、new、build、check 或 serve
cli-conflict = { $arg } 不能和 { $other } 一起用
cli-bad-value = `{ $value }` 不是 { $arg } 的有效值：{ $reason }
cli-did-you-mean = 是不是要写 `{ $suggestion }`？
cli-try-help = 运行 `unionpress --help` 查看更多说明。

## Reading content/

link-site-folder = 站点自己的文件夹
link-loop = 这个链接指回 { $target }，形成了循环
link-loop-help = 删除这个符号链接
link-outside = 这个符号链接指向站点以外的 { $target }
link-outside-help = 把文件复制到站点里，或者在 site.yaml 的 `allow_links_to:` 下列出它所在的文件夹
load-no-content = 站点没有 content/ 文件夹
load-no-content-help = 新建文件夹 content/articles/，把文章放进去
load-not-a-file = 这不是普通文件（是管道、套接字或设备），无法读取
load-not-a-file-help = 把它从 content/ 中删除，或换成它所代表的文件
load-name-not-utf8 = 文件名不是有效的 UTF-8
load-name-not-utf8-help = 用普通的字母或汉字重新命名这个文件
load-unreadable = 无法读取：{ $reason }
load-unreadable-help = 请确认文件或文件夹存在，并且你有读取权限
load-unreadable-file-help = 请确认你有读取这个文件的权限
load-misplaced = 这个文件不在 unionpress 读取内容的位置
load-misplaced-help = 文章放在 content/articles/ 下；工作品牌、荣誉、简报各一个文件，直接放在 content/programmes/、content/awards/ 或 content/bulletins/ 里
load-too-large = 文件有 { $size } MB；超过 { $limit } MB 的文件不接受
load-too-large-help = 把它拆成几篇文章，或把大的附件移出 content/
load-not-utf8 = 文件不是有效的 UTF-8 文本
load-not-utf8-help = 把文件另存为 UTF-8 编码（多数编辑器：另存为… → 编码 → UTF-8）
load-nul = 文件里有一个 NUL 字符
load-nul-help = 这不是文本文件，或者文件已损坏；删掉这个字符，或重新另存为文本文件
load-no-front-matter = 文件开头没有文章信息（front matter）
load-no-front-matter-help = 文件第一行写 `---`，接着写各项信息（title:、date: …），再写一行 `---`
load-front-matter-open = 从第 1 行开始的文章信息没有结束
load-front-matter-open-help = 在最后一项信息后面加一行 `---`

## Front matter and YAML

yaml-empty = 文章信息（front matter）是空的
yaml-empty-help = 至少写上必填的项，例如 `title: …`
yaml-too-deep = 文章信息里的 `[` 或 `{"{"}` 嵌套超过了 { $limit } 层
yaml-too-deep-help = 文章信息只写简单的项和短列表；把括号配对关上，或者把这个值放进引号
yaml-in-field = `{ $field }`：{ $message }
yaml-unknown-field = 没有 `{ $field }` 这一项
yaml-unknown-field-best = 是不是要写 `{ $best }`？可以写的项有：{ $fields }
yaml-unknown-field-help = 删掉它，或改用其中之一：{ $fields }
yaml-missing-field = 缺少必填项 `{ $field }`
yaml-missing-field-help = 加上一行 `{ $field }: …`
yaml-unknown-variant = `{ $value }` 不是可用的值
yaml-unknown-variant-help = 请用其中之一：{ $values }
yaml-wrong-type = 这里应该是{ $expected }，写的却是{ $found }
yaml-wrong-type-quote = 把这个值放进引号，例如 `title: "2024"`
yaml-wrong-type-list = 写成列表，例如 `tags: [技能竞赛, 工匠学堂]`
yaml-check-form = 对照 README 里的内容格式检查这个值的写法
yaml-anchors = YAML 里的锚点重复引用太多次，展开后太大，无法读取
yaml-anchors-help = 文章信息只写简单的项；删掉锚点（&）和引用（*）
yaml-nested = YAML 嵌套太深，不像文章信息
yaml-nested-help = 文章信息只写简单的项和短列表；去掉多余的嵌套
yaml-duplicate = `{ $field }` 这一项写了两次
yaml-duplicate-help = 两行只保留一行
yaml-unknown-form = 这个值的写法无法识别
yaml-open-list = 这里用 `[` 开始的列表没有用 `]` 结束
yaml-open-list-help = 补上 `]`，并用半角逗号分隔各项：`tags: [技能竞赛, 工匠学堂]`
yaml-open-mapping = 这里用 `{"{"}` 开始的内容没有用 `{"}"}` 结束
yaml-open-mapping-help = 补上 `{"}"}`，并用半角逗号分隔各项
yaml-stray-colon = 这里的冒号位置不对
yaml-stray-colon-help = 含有 `: ` 的值要放进引号；再检查这一行的缩进是否和上下行一致
yaml-open-quote = 这里开始的引号没有关上
yaml-open-quote-help = 在值的末尾补上对应的引号
yaml-tabs-help = YAML 不允许用制表符（Tab）缩进；请改用空格
yaml-syntax-help = 检查这里附近的写法：是否少了引号、冒号，或冒号后面的空格
yaml-unreadable = YAML 无法读取：{ $reason }
type-list = 列表
type-mapping = 若干行 `键: 值`
type-text = 文字
type-whole-number = 整数
type-bool = true 或 false
type-number = 数字
type-nothing = 空值

## Articles, programmes, awards, bulletins

noun-programme = 工作品牌
noun-award = 荣誉
alias-not-path = 旧网址必须是本站以 `/` 开头的路径，例如 `/old/path/`
alias-elsewhere = 旧网址必须是本站的路径，不能是其他网站的地址
alias-bad-chars = 旧网址里不能有 `\`、`%` 或 `:`
alias-front-page = 旧网址不能是首页 `/`
alias-dots = 旧网址里不能有 `.` 或 `..` 这样的一段
alias-not-page = 旧网址必须是网页，例如 `/old/path/` 或 `/old/page.html`，不能是其他类型的文件
registry-unknown = 没有叫“{ $name }”的{ $what }
registry-unknown-best = 是不是要写 `{ $best }`？否则请新建 content/{ $folder }/<英文名>.md，写上 `title: { $name }`
registry-unknown-help = 新建 content/{ $folder }/<英文名>.md，写上 `title: { $name }`，或检查名称是否写错
registry-made-up = 没有叫“{ $name }”的{ $what }；已经为它生成了一个页面
registry-made-up-help = 新建 content/{ $folder }/<英文名>.md 来介绍它
registry-no-key = 这个{ $what }没有可用的文件名或标题
registry-no-key-help = 用英文字母命名文件，例如 `chan-gai.md`，并写上 `title:`
registry-name-taken = { $what }名称“{ $name }”已经被 { $other } 使用
registry-name-taken-help = 一个名称只能属于一个文件；从其中一个文件里删掉它
date-bad-year = `{ $date }` 在 { $year } 年；日期必须在 { $first } 年到 { $last } 年之间
date-no-such-day = `{ $date }` 这一天不存在
date-not-a-date = `{ $date }` 不是日期
date-help = 日期写成 年-月-日，例如 `date: 2024-12-20`；带时间的写成 `2024-12-20T08:00:00+08:00`
article-empty-title = 标题是空的
article-empty-title-help = 在 `title:` 后面写上标题
article-updated-before-date = `updated: { $updated }` 早于文章日期 `{ $date }`
article-updated-before-date-help = `updated:` 是文章最后修改的时间，应与 `date:` 同一天或更晚
article-bad-slug = 网址名 `{ $slug }` 不是一段简单的网址
article-bad-slug-help = 只用小写英文字母、数字和 `-`，例如 `slug: jingxian-changai`
article-no-url = 无法用这个文件名生成网址
article-no-url-help = 用字母或汉字重新命名文件，或者写上 `slug:`
article-bad-alias = 旧网址 `{ $alias }`：{ $reason }
article-bad-region = 地区里有一级是空的或无法识别
article-bad-region-help = 从省写起，各级之间用 `/` 分隔：`安徽省/宣城市/泾县`
article-image-outside = 图片 `{ $image }` 不是文章旁边的文件
article-image-outside-help = 把图片放在文章旁边（或下级文件夹里），写它的相对文件名
article-image-no-alt = 题图 `{ $image }` 没有替代文字
article-image-no-alt-help = 为看不到图片的读者描述图片内容：`image: {"{"}src: { $image }, alt: 图片内容的简短描述{"}"}`
section-no-url = 无法用这个文件夹的名字生成网址
section-no-url-help = 用字母、数字或汉字重新命名这个文件夹
bulletin-twice = `{ $article }` 在这期简报里列了两次
bulletin-twice-help = 两行删掉一行
bulletin-draft = `{ $article }` 是草稿，不能放进发布的简报
bulletin-draft-help = 先发布这篇文章（删掉 `draft: true`），或把它从本期目录中去掉
bulletin-scheduled = `{ $article }` 的日期在本次生成之后，暂时不能放进简报
bulletin-scheduled-help = 等到文章的日期再生成，或把它从本期目录中去掉
bulletin-no-article = 没有文章 `{ $article }`
bulletin-no-article-help = 用文章在 content/ 下的路径列出，例如 `articles/2024/jingxian-changai.md`，或用网址名

## Markdown, pictures and templates

md-too-deep = 这里的列表、引用或 HTML 元素嵌套超过了 { $limit } 层
md-too-deep-help = 读者跟不上这么多层；减少列表或引用的层数，或把 HTML 标签关上
md-link-no-article = 指向 `{ $file }` 的链接找不到已发布的文章
md-link-no-article-help = 检查文件名和文件夹；链接是相对于这篇文章所在文件夹的
md-link-no-file = 指向 `{ $file }` 的链接在 content/ 里找不到文件
md-link-no-file-help = 把文件放在文章旁边，或改正链接
md-picture-missing = 图片 `{ $image }` 不在 content/ 里
md-picture-missing-help = 把图片放在文章旁边，写上它的文件名
html-never-closed = { $what }没有结束，它后面的内容都会从文章里消失
html-never-closed-help = 用 `{ $close }` 结束它；如果想显示为文字，把其中的 `<` 写成 `&lt;`
html-comment = 这个 HTML 注释
html-cdata = 这个 `<![CDATA[` 段
html-declaration = 这个 `<!` 声明
html-instruction = 这个 `<?` 指令
html-element = 这个 `<{ $tag }>` 元素
article-image-missing = 题图 `{ $image }` 不存在
article-image-missing-help = 把图片放在文章旁边，或改正 `image:`
theme-missing = site.yaml 要用主题 `{ $theme }`，但没有 themes/{ $theme }/ 文件夹
theme-no-block = { $parent } 里没有 `{ $block }` 这个块，所以这个块永远不会显示
theme-no-block-help = 它有这些块：{ $blocks }
template-error = 模板错误：{ $reason }
template-error-help = 改正模板，或删掉站点里的这份模板，改用主题自带的
email-inline-failed = 无法把样式写进电子邮件：{ $reason }
write-failed = 无法写入：{ $reason }

picture-too-many-bytes = 图片 `{ $image }` 有 { $mb } MB，超过了 `images: max_bytes:` 允许的 { $limit } MB
picture-too-many-pixels = 图片 `{ $image }` 有 { $width }×{ $height } 像素，超过了 `images: max_pixels:` 允许的 { $limit } 百万像素
picture-too-large-help = 把它导出得小一些（网页用 4000 像素宽的 JPEG 足够），或在 site.yaml 里调高限制
picture-wrong-format = 图片 `{ $image }` 的名字说它是 { $named }，实际上却是 { $actual }
picture-wrong-format-help = 把扩展名改成它实际的格式（{ $actual }），或按名字所说的格式重新导出
picture-heic = 图片 `{ $image }` 是 HEIC 格式（iPhone 照片），unionpress 无法读取
picture-heic-help = 请导出为 JPEG（iPhone：设置 → 相机 → 格式 → 兼容性最佳；Mac：预览 → 文件 → 导出 → JPEG）
picture-unreadable = 无法读取图片 `{ $image }`：{ $reason }
picture-unreadable-help = 文件已损坏或不完整；请从相机或摄影者那里重新拷贝
picture-empty = 文件是空的
picture-unknown-format = 不是 unionpress 认识的图片格式
md-picture-no-alt = 图片 `{ $image }` 没有替代文字
md-picture-no-alt-help = 在方括号里为看不见图片的读者描述它：`![图片内容的简短描述]({ $image })`

## Two things at one address of the site

claim-made = unionpress 生成的一个页面
claim-static = 静态文件
claim-static-fix = 给这个静态文件改名或删除它
claim-this = 这个{ $noun }
claim-at = { $at } 的{ $noun }
claim-search = 搜索索引
claim-article = 文章
claim-slug-fix = 给其中一篇另写一个 `slug:`
claim-section = 栏目
claim-section-fix = 给文件夹改名，或给文章另写一个 `slug:`
claim-rename-file = 给文件改名
claim-bulletin = 简报
claim-bulletin-fix = 给简报文件改名
claim-email = 简报的电子邮件版
claim-alias = 旧网址 `{ $alias }`
claim-alias-fix = 删掉这个旧网址，或换一个没有页面用的旧网址
claim-file = 文件 `{ $file }`
claim-file-fix = 给两个文件中的一个改名，或换个名字引用它
claim-too-long = { $owner }会发布在 /{ $path }，其中的名字 `{ $name }…` 有 { $bytes } 字节长；文件系统不接受超过 { $limit } 字节的名字
claim-too-long-help = 换一个短一些的名字
claim-clash-folder = { $this }和{ $other }在 { $url } 冲突：一个要把它作为文件，另一个要把它作为 /{ $file } 的文件夹
claim-clash = { $this }和{ $other }都会发布在 { $url }

## Full-width punctuation typed by a Chinese input method

char-colon = 冒号
char-space = 空格
char-bracket = 括号
yaml-full-width = 这里的全角{ $name }“{ $found }”不是 YAML 的格式符号
yaml-full-width-help = 把全角{ $name }“{ $found }”改为半角{ $name }“{ $right }”
yaml-full-width-quotes = 列表项 { $item } 用了全角引号，YAML 不把它当作引号，引号会成为名字的一部分
yaml-full-width-quotes-help = 去掉引号，写成 `{ $inner }`；或改用半角引号，写成 `"{ $inner }"`

## Lists of people

people-one-or-several = “{ $name }”中间有“{ $sep }”：这是一个人的名字，还是几个人？
people-one-or-several-help = 如果是几个人，用半角逗号分开：`{ $key }: [{ $names }]`；如果是一个人，可以不改

## Dates, regions and names written another way

date-other-form = `{ $date }` 的写法不对：请写成 `date: { $fixed }`
region-one-level = 地区“{ $region }”被当成了一级：各级之间要用 `/` 分隔
region-one-level-help = 写成 `region: { $levels }`
people-space = 名字“{ $name }”中间有空格
people-space-help = 去掉空格，写成 `{ $fixed }`，这样各篇文章里的同一个人才会归在一起

## The preview server (serve)

serve-no-site = { $root } 里没有 site.yaml；请在网站的文件夹里运行 `unionpress serve`，或用 --root 指明网站文件夹
serve-cannot-listen = 无法在 127.0.0.1:{ $port } 上启动预览：{ $reason }；请用 --port 换一个端口
serve-cannot-start = 预览服务器无法启动：{ $reason }
serve-cannot-catch-ctrl-c = 无法接收 Ctrl-C：{ $reason }
serve-serving = 正在预览 { $root }，请在浏览器打开 { $url }（按 Ctrl-C 停止）
serve-changed = 已修改：{ $file }
serve-stopped = 已停止
serve-no-browser = 无法打开浏览器（{ $opener }：{ $reason }）；请自己打开 { $url }
serve-built = 已生成 { $articles } 篇文章，用时 { $ms } 毫秒：{ $changed } 个文件有改动，删除 { $removed } 个
serve-failed = { $errors } 个错误：预览仍显示上一次正确的网站；请改好文件后再保存
serve-outside = 拒绝写到预览文件夹以外：{ $path }
serve-cannot-watch = 无法留意 { $path } 里的改动：{ $reason }
serve-cannot-clean-up = 无法删除预览文件夹 { $path }：{ $reason }
serve-cannot-read = 无法从预览文件夹读取这个页面：{ $reason }
serve-watching-failed = 留意文件改动时出错：{ $reason }
serve-index-in-place = 搜索索引已就地更新：{ $articles } 篇文章，{ $pages } 个词条页，新增数据包 { $kb } KB
serve-index-updated = 搜索索引已更新，用时 { $ms } 毫秒（另用 { $switch } 毫秒切换）：{ $changed } 个文件有改动，删除 { $removed } 个
serve-index-made = 搜索索引已生成，用时 { $ms } 毫秒（另用 { $switch } 毫秒切换）：{ $changed } 个文件有改动，删除 { $removed } 个
serve-index-dropped = 第 { $generation } 次生成的搜索索引已放弃：又有新的保存
serve-index-failed = 搜索索引没有写出；预览仍使用上一次的索引
serve-wrong-host = 这个预览只接受 127.0.0.1、localhost 或 [::1] 的访问；要用别的名字打开，请用 `serve --allow-host 名字` 启动
serve-wrong-method = 只接受 GET 和 HEAD 请求
serve-path-refused = 拒绝这个路径：它会跑到网站以外
serve-no-404 = 找不到这一页（网站还没有 404 页面）
serve-overlay-heading = 页面没有更新：发现 { $errors } 个错误。改好文件并保存后会自动刷新。
serve-overlay-close = 关闭
serve-desk = 编辑台：{ $url }（此地址含本次运行的密钥，请勿外传）

## The output folder

output-outside = 拒绝写到输出文件夹以外：{ $path }
output-is-site = 输出文件夹 { $folder } 就是网站本身所在的地方；请用 --output 换一个，例如 public/
output-inside = 输出文件夹 { $folder } 在 { $protected }/ 里面；请用 --output 换一个，例如 public/
output-not-a-folder-name = { $path } 不能作为输出文件夹
output-symlink-loop = { $path } 是一串绕回自己的符号链接；请让它指向一个文件夹
output-not-a-folder = { $path } 已经存在，但不是文件夹；请用 --output 换一个
output-not-ours = { $path } 不是空的，也不是 unionpress 生成的，不会被替换。请用 --output 换一个，或把里面的文件移走
output-foreign-file = { $path } 里有 { $file }，它不是 unionpress 写的，不会被删除。请把它移到 static/ 里或移走，然后重新生成
output-cannot-write = 无法写入：{ $reason }
output-more-failed = 另外还有 { $more } 个文件也无法写入
output-waiting = 另一次生成正在写入 { $folder }，等它完成…
output-waiting-process = 另一次生成（进程 { $process }）正在写入 { $folder }，等它完成…

## import

import-save-as-docx = 无法读取这种格式；请用 Word 或 WPS 打开并另存为 .docx（或把正文复制到 .txt 文件）
import-unknown-format = unionpress 导入 .txt、.md、.docx、.html 和 .mhtml 文件，不导入 .{ $ext }
import-too-big = 文件有 { $megabytes } MB，稿件不会这么大（上限 { $limit } MB）
import-empty = 文件是空的
import-has-front-matter = 文件已有前置元数据：这是文章，不是稿件
import-bad-bytes = 文件不是有效的 { $encoding } 文本
import-mixed-encodings = 文件混用了两种编码（第 { $line } 行之前是 UTF-8，之后是别的编码）；请另存为 UTF-8
import-binary = 文件含有二进制数据，不是文本
import-no-article = 没有找到文章：没有标题后接电头（本报讯…）或图片署名（… 摄）
import-bad-date = --date { $value } 不是日期；请写成 YYYY-MM-DD
import-wrote = 已写入 { $path }
import-would-write = 将写入 { $path }
import-guess = { $field }：{ $value }　（推测自：{ $from }）
import-done = 从 { $files } 个文件导入 { $articles } 篇文章；标有“# guessed from:”的字段都是推测，请核对后删去该注释
import-dry-run-done = 试运行：没有写入任何文件
import-year-from-page = 年份 { $year } 取自版面日期
import-year-from-weekday = 年份 { $year } 由星期推算
import-date-from-page = 版面日期（--date）
import-kind-brief = 全文 { $chars } 字
article-guessed = 仍有字段标为推测：核对后请删去“# guessed from:”注释
cli-import = 导入 Word 稿件和报纸版面文字为文章草稿，并推测前置元数据
cli-import-files = 要导入的文件（.txt、.md、.docx、.html、.mhtml）
cli-import-date = 版面的出版日期 YYYY-MM-DD，用于推算相对日期（默认今天）
cli-import-dry-run = 只显示推测结果，不写入任何文件
import-docx-protected = 这不是 Word 2007 及以上版本的文件：它设了密码，或是改了扩展名的旧 .doc；请去掉密码，或另存为 .docx
import-docx-not-zip = 这不是 .docx：内容不是 Word 文档（.docx 是 zip 压缩包）
import-docx-corrupt = .docx 已损坏，无法读取；请用 Word 或 WPS 打开后重新保存
import-docx-too-big = .docx 解压后远超稿件应有的大小（疑似压缩炸弹），未解压
import-docx-no-document = .docx 没有正文（word/document.xml）
import-mhtml-bad = 这不是保存的网页（.mhtml）：其中找不到 HTML 部分
import-html-not-html = 这不是网页：其中没有 HTML

## 编辑台（serve）

desk-no-token-title = 请从终端打开编辑台
desk-no-token = 本页需要用 `unionpress serve` 在终端打印的地址打开（“编辑台：……”那一行，带 ?token=）。请打开那个地址；每次启动预览，地址都会变。
desk-wrong-origin = 已拒绝：请求不是来自编辑台自己的页面
desk-wrong-type = 已拒绝：编辑台发送 JSON（图片用 application/octet-stream）
desk-bad-json = 请求不是有效的 JSON：{ $reason }
desk-failed = 编辑台出错：{ $reason }
desk-io-failed = { $path }：{ $reason }
desk-path-refused = 编辑台不写入 { $path }：只写 content/ 之下，不含“..”、隐藏文件夹或指向站点之外的链接
desk-not-article = { $path } 不是文章：编辑台编辑 content/articles/…/*.md 文件
desk-no-article = { $path } 不存在（读取列表后被删除或移动了？）
desk-no-request = 编辑台没有 { $method } { $path } 这一请求
desk-not-utf8 = { $path } 不是 UTF-8 文本；请先在文本编辑器中修正
desk-no-front-matter = { $path } 没有可编辑的前置信息（两行“---”之间）
desk-bad-field = “{ $field }”不能作字段名
desk-bad-value = “{ $field }”的值必须是文字、是/否、整数、文字列表或奖项列表
desk-bad-key = “{ $key }”不能作键名：请用小写字母、数字和“-”
desk-save-errors = 未保存：文章有错误（显示在对应字段旁）。请改正，或存为草稿（draft: true），改正前不会发布
desk-conflict = 您打开 { $path } 之后，磁盘上的文件已被改动；没有保存任何内容。两个版本都已列出：保留您的、采用磁盘上的，或合并
desk-exists = { $path } 已存在；没有替换任何文件
desk-bad-upload-name = 不能上传“{ $name }”：请用不含文件夹的文件名，以 .jpg、.jpeg、.png、.webp 或 .gif 结尾
desk-upload-too-large = { $name } 有 { $mb } MB，超过 `images: max_bytes` 允许的 { $limit } MB；没有保存
desk-publishing = 已有一次发布正在进行，请等它完成
desk-bulletin-title = 工会工作简报
