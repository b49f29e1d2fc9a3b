package vn.chibo.events.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ComposedTextTest {
    /** "Chi bộ ấp Đông Hòa" as a combining keyboard types it: base letters followed by their marks. */
    private static final String COMBINING = "Chi bo\u0323\u0302 a\u0302\u0301p \u0110o\u0302ng Ho\u0300a";

    @Test
    void combining_marks_are_composed_into_the_letters_vietnamese_is_written_with() {
        assertThat(COMBINING).isNotEqualTo("Chi bộ ấp Đông Hòa");
        assertThat(ComposedText.of(COMBINING)).isEqualTo("Chi bộ ấp Đông Hòa").hasSize(18);
    }

    @Test
    void composed_and_plain_text_is_returned_itself_and_null_stays_null() {
        String composed = "Nguyễn Thị Minh Khai";
        String plain = "Chi bo ap Dong Hoa";
        assertThat(ComposedText.of(composed)).isSameAs(composed);
        assertThat(ComposedText.of(plain)).isSameAs(plain);
        assertThat(ComposedText.of(null)).isNull();
    }
}
