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
