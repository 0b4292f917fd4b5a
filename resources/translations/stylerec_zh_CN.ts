<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CatalogListModel</name>
    <message>
        <location filename="../../stylerec_app/ui/catalog_model.py" line="28" />
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_model.py" line="29" />
        <source>Photo missing or damaged</source>
        <translation>照片缺失或已损坏</translation>
    </message>
</context>
<context>
    <name>CatalogPage</name>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="47" />
        <source>Search title, description, category or ID…</source>
        <translation>搜索标题、描述、类别或编号…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="56" />
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="63" />
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="119" />
        <source>Opening the store…</source>
        <translation>正在打开商品库…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="131" />
        <source>No store is open. Use File → Open Store… or File → New Demo Store.</source>
        <translation>尚未打开商品库。请使用“文件 → 打开商品库…”或“文件 → 新建演示商品库…”。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="160" />
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="172" />
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="173" />
        <source>All colours</source>
        <translation>全部颜色</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="190" />
        <source>%1 products</source>
        <translation>%1 件商品</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="194" />
        <source>This store has no products yet.
Import a catalog with File → Import, or drop a catalog folder on this window.</source>
        <translation>此商品库还没有商品。
请通过“文件 → 导入”导入商品目录，或将目录文件夹拖到此窗口。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="197" />
        <source>No products match these filters.</source>
        <translation>没有符合筛选条件的商品。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/catalog_page.py" line="202" />
        <source>Could not read the catalog: %1</source>
        <translation>无法读取商品目录：%1</translation>
    </message>
</context>
<context>
    <name>GenericImportDialog</name>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="73" />
        <source>Import a catalog</source>
        <translation>导入商品目录</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="75" />
        <source>Tables (*.csv *.jsonl *.json)</source>
        <translation>表格文件 (*.csv *.jsonl *.json)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="82" />
        <source>Detect (UTF-8 or GBK)</source>
        <translation>自动检测（UTF-8 或 GBK）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="86" />
        <source>Products (required)</source>
        <translation>商品（必填）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="87" />
        <source>Photos folder</source>
        <translation>照片文件夹</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="88" />
        <source>Shoppers</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="89" />
        <source>Events</source>
        <translation>行为事件</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="90" />
        <source>Reviews</source>
        <translation>评价</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="91" />
        <source>Text encoding</source>
        <translation>文本编码</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="92" />
        <source>Columns are matched by name (id/sku, title/name, price, category, colour, image…). See the README for the full list.</source>
        <translation>按列名匹配字段（id/sku、title/name、price、category、colour、image…），完整列表见 README。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="99" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="110" />
        <source>Choose the products file.</source>
        <translation>请选择商品文件。</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="126" />
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="128" />
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="128" />
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="129" />
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="130" />
        <source>Import from %1: %2</source>
        <translation>从 %1 导入：%2</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="134" />
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="134" />
        <source>Shoppers</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="135" />
        <source>Events</source>
        <translation>行为事件</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="135" />
        <source>Reviews</source>
        <translation>评价</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="137" />
        <source>Rows</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="137" />
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="137" />
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="138" />
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="138" />
        <source>Rejected</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="146" />
        <source>%1 rows rejected, %2 warnings. Good rows were imported; fix the rows below in the source files and import again.</source>
        <translation>%1 行被拒绝，%2 条警告。有效的行已导入；请在源文件中修正下列行后重新导入。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="153" />
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="153" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="154" />
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="154" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="156" />
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="156" />
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="161" />
        <source>Save as CSV…</source>
        <translation>另存为 CSV…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="182" />
        <source>Save import report</source>
        <translation>保存导入报告</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="183" />
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>JobRow</name>
    <message>
        <location filename="../../stylerec_app/ui/jobs.py" line="226" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>JobsPanel</name>
    <message>
        <location filename="../../stylerec_app/ui/jobs.py" line="258" />
        <source>No background jobs yet. Imports and other long tasks appear here with their progress and a Cancel button.</source>
        <translation>暂无后台任务。导入等耗时任务会显示在这里，附带进度和“取消”按钮。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="87" />
        <source>Catalog</source>
        <translation>商品目录</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="88" />
        <source>Shoppers</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="89" />
        <location filename="../../stylerec_app/ui/main_window.py" line="90" />
        <source>Style Studio</source>
        <translation>风格工作室</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="91" />
        <source>Restyle product photos in a shopper's style. Not available in this version yet.</source>
        <translation>按顾客的风格重新渲染商品照片。此版本暂未提供。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="93" />
        <location filename="../../stylerec_app/ui/main_window.py" line="94" />
        <source>Recommendations</source>
        <translation>推荐</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="95" />
        <source>Ranked products for each shopper, with reasons. Not available in this version yet.</source>
        <translation>为每位顾客排序推荐商品并给出理由。此版本暂未提供。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="97" />
        <location filename="../../stylerec_app/ui/main_window.py" line="98" />
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="99" />
        <source>Offline evaluation of recommenders against baselines. Not available in this version yet.</source>
        <translation>对推荐模型与基线进行离线评估。此版本暂未提供。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="101" />
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="128" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="129" />
        <source>&amp;Open Store…</source>
        <translation>打开商品库(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="131" />
        <source>New &amp;Demo Store…</source>
        <translation>新建演示商品库(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="133" />
        <source>Import &amp;H&amp;&amp;M Folder…</source>
        <translation>导入 H&amp;&amp;M 文件夹(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="135" />
        <source>Import &amp;Catalog Files…</source>
        <translation>导入商品目录文件(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="137" />
        <source>Last Import &amp;Report</source>
        <translation>上次导入报告(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="139" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="140" />
        <source>&amp;Profiles</source>
        <translation>画像(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="141" />
        <source>&amp;Build Profiles</source>
        <translation>生成画像(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="143" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="144" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="145" />
        <source>&amp;Jobs</source>
        <translation>任务(&amp;J)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="146" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="147" />
        <source>&amp;About StyleRec</source>
        <translation>关于 StyleRec(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="157" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="175" />
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="184" />
        <source>No store open</source>
        <translation>未打开商品库</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="193" />
        <source>Could not open the store</source>
        <translation>无法打开商品库</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="197" />
        <source>Creating the demo store: rendering product photos and simulating shoppers. This takes a few seconds…</source>
        <translation>正在创建演示商品库：渲染商品照片并模拟顾客行为，需要几秒钟…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="208" />
        <source>Create the demo store</source>
        <translation>创建演示商品库</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="216" />
        <location filename="../../stylerec_app/ui/main_window.py" line="232" />
        <source>Could not create the demo store</source>
        <translation>无法创建演示商品库</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="222" />
        <source>Open a store</source>
        <translation>打开商品库</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="223" />
        <source>StyleRec stores (*.sqlite *.db)</source>
        <translation>StyleRec 商品库 (*.sqlite *.db)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="228" />
        <source>New demo store</source>
        <translation>新建演示商品库</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="229" />
        <source>StyleRec stores (*.sqlite)</source>
        <translation>StyleRec 商品库 (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="233" />
        <source>%1 already exists; choose a new file name.</source>
        <translation>%1 已存在，请换一个文件名。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="241" />
        <source>Choose an H&amp;M-layout folder</source>
        <translation>选择 H&amp;M 格式的文件夹</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="251" />
        <location filename="../../stylerec_app/ui/main_window.py" line="256" />
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="262" />
        <source>Cannot import</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="263" />
        <location filename="../../stylerec_app/ui/main_window.py" line="294" />
        <source>Open or create a store first.</source>
        <translation>请先打开或创建商品库。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="274" />
        <source>The import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="283" />
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="284" />
        <source>No import has run in this session yet.</source>
        <translation>本次会话尚未进行导入。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="293" />
        <source>Cannot build profiles</source>
        <translation>无法生成画像</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="298" />
        <source>Build profiles</source>
        <translation>生成画像</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="308" />
        <source>Building profiles failed</source>
        <translation>生成画像失败</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="314" />
        <source>Models on %1</source>
        <translation>模型运行于 %1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="343" />
        <source>Not a catalog folder</source>
        <translation>不是商品目录文件夹</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="344" />
        <source>%1 has neither articles.csv (H&amp;M layout) nor products.csv / products.jsonl.</source>
        <translation>%1 中既没有 articles.csv（H&amp;M 格式），也没有 products.csv / products.jsonl。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="364" />
        <source>%1 products · %2 shoppers · %3 events</source>
        <translation>%1 件商品 · %2 位顾客 · %3 条行为</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="368" />
        <source>%1 photos need attention</source>
        <translation>%1 张照片需要处理</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="376" />
        <location filename="../../stylerec_app/ui/main_window.py" line="393" />
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="376" />
        <source>Importing products</source>
        <translation>正在导入商品</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="377" />
        <source>Importing shoppers</source>
        <translation>正在导入顾客</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="377" />
        <source>Importing events</source>
        <translation>正在导入行为事件</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="378" />
        <source>Importing reviews</source>
        <translation>正在导入评价</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="379" />
        <source>Rendering product photos</source>
        <translation>正在渲染商品照片</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="380" />
        <source>Profiling products</source>
        <translation>正在生成商品画像</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="381" />
        <source>Profiling shoppers</source>
        <translation>正在生成顾客画像</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="384" />
        <source>Waiting for the running job to finish</source>
        <translation>等待当前任务完成</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="386" />
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="388" />
        <source>Cancelled — finished batches were kept; run it again to resume</source>
        <translation>已取消——已完成的批次已保留；再次运行即可继续</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="390" />
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="396" />
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="435" />
        <source>About StyleRec</source>
        <translation>关于 StyleRec</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="436" />
        <source>StyleRec %1 — catalog, shopper profiles, restyling and recommendations for merchandisers.</source>
        <translation>StyleRec %1——面向商品运营的商品目录、顾客画像、风格重绘与推荐工具。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="443" />
        <source>Jobs are running</source>
        <translation>任务正在运行</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/main_window.py" line="444" />
        <source>%1 job(s) are still running. Cancel them and quit? Finished batches are kept.</source>
        <translation>仍有 %1 个任务在运行。要取消并退出吗？已完成的批次会保留。</translation>
    </message>
</context>
<context>
    <name>ProductDetailPane</name>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="52" />
        <source>Product ID</source>
        <translation>商品编号</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="52" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="53" />
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="53" />
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="54" />
        <source>Shopper activity</source>
        <translation>顾客行为</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="63" />
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="63" />
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="70" />
        <source>Colours of the product</source>
        <translation>商品颜色</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="72" />
        <source>Looks similar</source>
        <translation>外观相似</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="81" />
        <source>Select a product to see its photo, details, activity and reviews.</source>
        <translation>选择一件商品以查看照片、详情、顾客行为和评价。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="123" />
        <source>%1 views · %2 clicks · %3 carts · %4 purchases · %5 ratings</source>
        <translation>%1 次浏览 · %2 次点击 · %3 次加购 · %4 次购买 · %5 次评分</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="128" />
        <source>No description.</source>
        <translation>暂无描述。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="138" />
        <source>Reviews (%1)</source>
        <translation>评价（%1）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="141" />
        <source>The photo for this product is missing or damaged: %1</source>
        <translation>此商品的照片缺失或已损坏：%1</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="144" />
        <source>Photo missing or damaged</source>
        <translation>照片缺失或已损坏</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="147" />
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="167" />
        <source>No profile yet: run Profiles → Build Profiles to see this product's colours and look-alikes.</source>
        <translation>尚无画像：请运行“画像 → 生成画像”，以查看此商品的颜色和相似商品。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/detail_pane.py" line="170" />
        <source>No colours or look-alikes: the photo could not be used (%1).</source>
        <translation>无颜色和相似商品：照片无法使用（%1）。</translation>
    </message>
</context>
<context>
    <name>ShopperCard</name>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="59" />
        <source>Top categories</source>
        <translation>偏好类别</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="60" />
        <source>Colours they like</source>
        <translation>偏好颜色</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="61" />
        <source>Price band</source>
        <translation>价格区间</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="62" />
        <source>Style blend (built-in styles)</source>
        <translation>风格组合（内置风格）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="63" />
        <source>Recent history</source>
        <translation>最近行为</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="64" />
        <source>Similar products (by look)</source>
        <translation>相似商品（按外观）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="66" />
        <source>Choose a shopper on the left to see their profile.</source>
        <translation>在左侧选择一位顾客以查看其画像。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="96" />
        <source>%1 events in the profile</source>
        <translation>画像基于 %1 条行为</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="100" />
        <source>No profile yet: run Profiles → Build Profiles.</source>
        <translation>尚无画像：请运行“画像 → 生成画像”。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="102" />
        <source>New shopper without history: showing the store's default taste (best sellers).</source>
        <translation>新顾客，暂无行为：显示商店的默认偏好（畅销商品）。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="109" />
        <source>usually %1 (from %2 to %3)</source>
        <translation>通常 %1（%2 至 %3）</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="111" />
        <source>no purchases or carts with a price yet</source>
        <translation>尚无带价格的购买或加购记录</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="113" />
        <source>Style %1</source>
        <translation>风格 %1</translation>
    </message>
</context>
<context>
    <name>ShoppersPage</name>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="142" />
        <source>Search shopper id…</source>
        <translation>搜索顾客编号…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="176" />
        <source>No store is open.</source>
        <translation>尚未打开商品库。</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="187" />
        <source>%1 · %2 events</source>
        <translation>%1 · %2 条行为</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="195" />
        <source>%1 shoppers</source>
        <translation>%1 位顾客</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="197" />
        <source>showing the most active; search to find others</source>
        <translation>仅显示最活跃的顾客；可搜索查找其他顾客</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/shoppers_page.py" line="199" />
        <source>Profiles are not built yet: Profiles → Build Profiles.</source>
        <translation>尚未生成画像：画像 → 生成画像。</translation>
    </message>
</context>
<context>
    <name>_PathField</name>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="49" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="58" />
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <location filename="../../stylerec_app/ui/import_dialogs.py" line="60" />
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
</context>
</TS>