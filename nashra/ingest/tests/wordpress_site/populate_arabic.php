<?php
/*
 * The "arabic" site: an Arabic-only news site (locale ar, no translation files needed), its
 * slugs percent-encoded by WordPress or set in Latin letters by an editor; then the manifest
 * (argv[1]: its path).
 */

require __DIR__ . '/helpers.php';
$manifest_path = $argv[1];

nashra_site_options(array(
    'blogname' => 'نشرة',
    'blogdescription' => 'أخبار الشرق الأوسط والعالم',
));

$ahmad = nashra_user('ahmad', array(
    'user_email' => 'ahmad@nashra.test',
    'first_name' => 'أحمد',
    'last_name' => 'العمري',
    'display_name' => 'أحمد العمري',
));
$layla = nashra_user('layla', array(
    'user_email' => 'layla@nashra.test',
    'first_name' => 'ليلى',
    'last_name' => 'حداد',
    'display_name' => 'ليلى حداد',
));

$news = nashra_term('أخبار', 'category', array('description' => 'تقارير مراسلينا'));
$middle_east = nashra_term('الشرق الأوسط', 'category', array('parent' => $news));
$opinion = nashra_term('رأي', 'category');
// Editors of Arabic sites often give Latin slugs; this one has both scripts.
$economy = nashra_term('اقتصاد', 'category', array('slug' => 'economy'));
foreach (array('العراق', 'اليمن', 'إيران') as $name) {
    nashra_term($name, 'post_tag');
}

$lead_post = nashra_post('published', array(
    'post_title' => 'العراق يستضيف محادثات إقليمية',
    'post_author' => $ahmad,
    'post_date' => '2024-03-05 09:15:00',
    'post_excerpt' => 'التقى مبعوثون إقليميون بمسؤولين عراقيين في بغداد.',
    'post_content' => "<p>التقى مبعوثون من طهران والخليج بمسؤولين عراقيين في بغداد يوم الثلاثاء ٥ آذار/مارس ٢٠٢٤.</p>\n\n<p>وقال المتحدث إن المحادثات «ستستمر 3 أيام» بمشاركة الـUN.</p>",
    'post_category' => array($middle_east),
    'tags_input' => array('العراق', 'إيران'),
));
// An Arabic file name, as uploaded from an editor's desktop.
$lead = nashra_picture('lead', 'بغداد-المحادثات.jpg', array(480, 320), array(20, 110, 80), $lead_post, '2024-03-05 09:15:00', array(
    'post_title' => 'وصول المبعوثين',
    'post_excerpt' => 'المبعوثون عند مدخل القاعة. تصوير: نشرة',
    'post_author' => $ahmad,
));
update_post_meta($lead, '_wp_attachment_image_alt', 'مبعوثون يدخلون قاعة');
set_post_thumbnail($lead_post, $lead);

nashra_post('blocks', array(
    'post_title' => 'هدنة اليمن: ماذا يقول الاتفاق',
    'post_author' => $layla,
    'post_date' => '2024-03-06 14:00:00',
    'post_category' => array($news),
    'tags_input' => array('اليمن'),
    'post_content' => <<<'HTML'
<!-- wp:paragraph -->
<p>اتفقت الأطراف على <strong>هدنة مدتها شهران</strong> يوم السبت.</p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2 class="wp-block-heading">ماذا يقول الاتفاق</h2>
<!-- /wp:heading -->

<!-- wp:list -->
<ul><li>استئناف الرحلات من صنعاء</li><li>دخول سفن الوقود إلى الحديدة</li></ul>
<!-- /wp:list -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>هذه فرصة لا يجوز تفويتها.</p>
<!-- /wp:paragraph --><cite>المبعوث الأممي</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:paragraph {"direction":"ltr"} -->
<p dir="ltr">Reuters contributed to this report.</p>
<!-- /wp:paragraph -->
HTML,
));

nashra_post('latin_slug', array(
    'post_title' => 'أسعار النفط والموازنة',
    'post_name' => 'oil-prices-and-the-budget',
    'post_author' => $layla,
    'post_date' => '2024-03-07 18:30:00',
    'post_content' => '<p>تعتمد الموازنة على سعر برميل عند 70 دولاراً.</p>',
    'post_category' => array($economy, $opinion),
));

nashra_post('draft', array(
    'post_title' => 'مسودة: قراءة في الموازنة',
    'post_status' => 'draft',
    'post_author' => $layla,
    'post_content' => '<p>لم يكتمل بعد.</p>',
    'post_category' => array($economy),
));

nashra_post('page', array(
    'post_title' => 'من نحن',
    'post_type' => 'page',
    'post_author' => 1,
    'post_date' => '2024-01-01 12:00:00',
    'post_content' => '<p>نشرة غرفة أخبار مستقلة.</p>',
));

nashra_comment(array(
    'comment_post_ID' => $lead_post,
    'comment_author' => 'قارئ',
    'comment_author_email' => 'reader@example.org',
    'comment_content' => 'شكراً على هذا التقرير.',
    'comment_date' => '2024-03-05 12:00:00',
    'comment_date_gmt' => '2024-03-05 09:00:00',
));

nashra_write_manifest($manifest_path);
