package vn.chibo.events.notebook;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Kiểm tra sổ tay đảng viên: the cell checked its members' notebooks on {@code checkedOn}. */
public record NotebooksChecked(UUID checkId, UUID cellId, LocalDate checkedOn, List<NotebookResult> results) {
}
