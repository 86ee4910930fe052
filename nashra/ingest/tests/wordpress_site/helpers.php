<?php
/*
 * What the populate_*.php scripts share: load WordPress as its admin, make objects through
 * WordPress's API while remembering each under a key, and write the manifest of them all.
 */

require __DIR__ . '/bootstrap.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/media.php';

// The admin may post unfiltered HTML; removing kses as well makes sure hostile markup reaches
// the database, and so the export, exactly as written.
wp_set_current_user(get_user_by('login', 'admin')->ID);
kses_remove_filters();
$wp_rewrite->init();

$nashra_made = array('users' => array('admin' => 1), 'posts' => array(), 'attachments' => array(), 'comments' => array());

function nashra_ok($what, $result)
{
    if (is_wp_error($result) || !$result) {
        $message = is_wp_error($result) ? $result->get_error_message() : var_export($result, true);
        fwrite(STDERR, "$what failed: $message\n");
        exit(1);
    }
    return $result;
}

function nashra_user($login, $fields)
{
    global $nashra_made;
    $fields += array('user_login' => $login, 'user_pass' => wp_generate_password(24), 'role' => 'author');
    return $nashra_made['users'][$login] = nashra_ok("user $login", wp_insert_user($fields));
}

function nashra_term($name, $taxonomy, $args = array())
{
    $term = nashra_ok("$taxonomy $name", wp_insert_term($name, $taxonomy, $args));
    return $term['term_id'];
}

function nashra_post($key, $fields)
{
    global $nashra_made;
    $fields += array('post_type' => 'post', 'post_status' => 'publish');
    return $nashra_made['posts'][$key] = nashra_ok("post $key", wp_insert_post(wp_slash($fields), true));
}

function nashra_update_content($post_id, $content)
{
    nashra_ok("content of $post_id", wp_update_post(wp_slash(array('ID' => $post_id, 'post_content' => $content)), true));
}

/*
 * Draw a small real picture with GD and upload it the way a plugin fetching a remote file would,
 * attached to $post_id (0: to none), dated $post_date so it lands in that month's folder.
 */
function nashra_picture($key, $file_name, $size, $rgb, $post_id, $post_date, $post_data)
{
    global $nashra_made, $manifest_path;
    list($width, $height) = $size;
    $image = imagecreatetruecolor($width, $height);
    imagefill($image, 0, 0, imagecolorallocate($image, $rgb[0], $rgb[1], $rgb[2]));
    imagefilledrectangle($image, intdiv($width, 4), intdiv($height, 4), intdiv($width, 2), intdiv($height, 2), imagecolorallocate($image, 255, 255, 255));
    imagestring($image, 5, 8, 8, $key, imagecolorallocate($image, 0, 0, 0));
    // Drawn beside the manifest; WordPress moves it into wp-content/uploads.
    $incoming = dirname($manifest_path) . '/incoming';
    wp_mkdir_p($incoming);
    $tmp = tempnam($incoming, 'picture');
    if (str_ends_with($file_name, '.png')) {
        imagepng($image, $tmp);
    } else {
        imagejpeg($image, $tmp, 85);
    }
    imagedestroy($image);
    $post_data['post_date'] = $post_date;
    $id = media_handle_sideload(array('name' => $file_name, 'tmp_name' => $tmp), $post_id, null, $post_data);
    return $nashra_made['attachments'][$key] = nashra_ok("upload $file_name", $id);
}

function nashra_comment($fields)
{
    global $nashra_made;
    $fields += array('comment_approved' => 1, 'comment_type' => 'comment');
    return $nashra_made['comments'][] = nashra_ok('comment', wp_insert_comment(wp_slash($fields)));
}

function nashra_site_options($options)
{
    foreach ($options as $name => $value) {
        update_option($name, $value);
    }
}

// --- The manifest -----------------------------------------------------------------------------

function nashra_login($user_id)
{
    $user = get_userdata($user_id);
    return $user ? $user->user_login : null;
}

function nashra_slugs($terms)
{
    return array_map(fn($term) => rawurldecode($term->slug), is_array($terms) ? $terms : array());
}

function nashra_term_entry($term, $link)
{
    $parent = $term->parent ? get_term($term->parent) : null;
    return array(
        'id' => $term->term_id,
        'name' => $term->name,
        'slug' => $term->slug,
        'slug_decoded' => rawurldecode($term->slug),
        'parent' => $parent ? rawurldecode($parent->slug) : null,
        'parent_id' => $term->parent ?: null,
        'description' => $term->description,
        'link' => $link,
    );
}

function nashra_user_entry($user_id)
{
    $user = get_userdata($user_id);
    return array(
        'id' => $user->ID,
        'login' => $user->user_login,
        'email' => $user->user_email,
        'display_name' => $user->display_name,
        'first_name' => $user->first_name,
        'last_name' => $user->last_name,
        'roles' => array_values($user->roles),
    );
}

function nashra_post_entry($key, $post)
{
    $children = get_children(array('post_parent' => $post->ID, 'post_type' => 'attachment', 'orderby' => 'ID', 'order' => 'ASC'));
    $comments = get_comments(array('post_id' => $post->ID, 'fields' => 'ids', 'orderby' => 'comment_ID', 'order' => 'ASC'));
    // Custom fields as a reader of the export sees them; WordPress's own (_edit_lock, _pingme…) left out.
    $meta = array_filter(
        array_map(fn($values) => $values[0], get_post_meta($post->ID)),
        fn($name) => $name[0] !== '_' || in_array($name, array('_thumbnail_id', '_yoast_wpseo_metadesc'), true),
        ARRAY_FILTER_USE_KEY
    );
    return array(
        'key' => $key,
        'id' => $post->ID,
        'post_type' => $post->post_type,
        'status' => $post->post_status,
        'title' => $post->post_title,
        'slug' => $post->post_name,
        'slug_decoded' => rawurldecode($post->post_name),
        'author' => nashra_login($post->post_author),
        'date' => $post->post_date,
        'date_gmt' => $post->post_date_gmt,
        'excerpt' => $post->post_excerpt,
        'parent' => $post->post_parent ?: null,
        'menu_order' => $post->menu_order,
        'categories' => nashra_slugs(get_the_category($post->ID)),
        'tags' => nashra_slugs(get_the_tags($post->ID)),
        'sticky' => is_sticky($post->ID),
        'featured_image' => (int) get_post_thumbnail_id($post) ?: null,
        'attachments' => array_values(array_map(fn($child) => $child->ID, $children)),
        'comments' => array_map('intval', $comments),
        'guid' => $post->guid,
        'permalink' => get_permalink($post),
        'query_link' => home_url('/?p=' . $post->ID),
        'shortlink' => wp_get_shortlink($post->ID),
        'meta' => (object) $meta,
    );
}

function nashra_attachment_entry($key, $post)
{
    $metadata = wp_get_attachment_metadata($post->ID);
    $sizes = array();
    foreach ($metadata['sizes'] as $size => $info) {
        $sizes[$size] = array(
            'file' => dirname($metadata['file']) . '/' . $info['file'],
            'width' => $info['width'],
            'height' => $info['height'],
        );
    }
    return array(
        'key' => $key,
        'id' => $post->ID,
        'title' => $post->post_title,
        'slug' => $post->post_name,
        'status' => $post->post_status,
        'parent' => $post->post_parent ?: null,
        'author' => nashra_login($post->post_author),
        'mime_type' => $post->post_mime_type,
        'caption' => $post->post_excerpt,
        'description' => $post->post_content,
        'alt' => get_post_meta($post->ID, '_wp_attachment_image_alt', true),
        'date' => $post->post_date,
        'date_gmt' => $post->post_date_gmt,
        'url' => wp_get_attachment_url($post->ID),
        'guid' => $post->guid,
        'file' => $metadata['file'],
        'width' => $metadata['width'],
        'height' => $metadata['height'],
        'sizes' => (object) $sizes,
        'attachment_link' => get_attachment_link($post->ID),
    );
}

function nashra_comment_entry($comment)
{
    return array(
        'id' => (int) $comment->comment_ID,
        'post_id' => (int) $comment->comment_post_ID,
        'parent' => (int) $comment->comment_parent ?: null,
        'author' => $comment->comment_author,
        'content' => $comment->comment_content,
        'approved' => $comment->comment_approved,
        'date' => $comment->comment_date,
        'date_gmt' => $comment->comment_date_gmt,
    );
}

function nashra_write_manifest($path)
{
    global $nashra_made;
    $uploads = wp_get_upload_dir();
    $manifest = array(
        'site' => array(
            'name' => get_option('blogname'),
            'description' => get_option('blogdescription'),
            'url' => home_url(),
            'language' => get_bloginfo('language'),
            'timezone_string' => get_option('timezone_string'),
            'permalink_structure' => get_option('permalink_structure'),
            'wordpress_version' => get_bloginfo('version'),
            'uploads_url' => $uploads['baseurl'],
        ),
        'users' => array_map('nashra_user_entry', $nashra_made['users']),
        'categories' => array(),
        'tags' => array(),
        'posts' => array(),
        'attachments' => array(),
        'comments' => array_map(fn($id) => nashra_comment_entry(get_comment($id)), $nashra_made['comments']),
        'sticky' => array_map('intval', get_option('sticky_posts')),
        'featured_images' => array(),
    );
    foreach (get_terms(array('taxonomy' => 'category', 'hide_empty' => false)) as $term) {
        $manifest['categories'][rawurldecode($term->slug)] = nashra_term_entry($term, get_category_link($term));
    }
    foreach (get_terms(array('taxonomy' => 'post_tag', 'hide_empty' => false)) as $term) {
        $manifest['tags'][rawurldecode($term->slug)] = nashra_term_entry($term, get_tag_link($term));
    }
    foreach ($nashra_made['posts'] as $key => $id) {
        $entry = $manifest['posts'][$key] = nashra_post_entry($key, get_post($id));
        if ($entry['featured_image']) {
            $manifest['featured_images'][(string) $id] = $entry['featured_image'];
        }
    }
    foreach ($nashra_made['attachments'] as $key => $id) {
        $manifest['attachments'][$key] = nashra_attachment_entry($key, get_post($id));
    }
    // Empty or not, these are objects (keyed by id) in JSON, never lists.
    $manifest['featured_images'] = (object) $manifest['featured_images'];
    foreach (array('users', 'categories', 'tags', 'posts', 'attachments') as $name) {
        $manifest[$name] = (object) $manifest[$name];
    }
    $json = json_encode($manifest, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
    nashra_ok('writing the manifest', file_put_contents($path, $json . "\n"));
}
